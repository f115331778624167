set terminal svg size 900,760 font "DejaVu Sans,12" noenhanced background rgb "white"
set encoding utf8
set grid lc rgb "#dde1e8"
set border lc rgb "#5b6270"
set key outside right top
$t0 << EOD
0 390 2.60364 60
1 2140 0.907561 0
2 2151 1.12726 0
3 2180 0.703959 0
4 2130 2.0525 12
5 1260 0.185827 0
EOD
$t1 << EOD
0 390 2.13056 60
1 1910 1.57758 0
2 1893 3.73702 0
3 1913 1.48552 0
4 1899 2.32507 12
5 1241 0.442801 0
EOD
$t2 << EOD
0 390 2.2698 60
1 1912 1.36251 0
2 1878 2.61657 0
3 1837 1.68287 0
4 1892 2.24869 12
5 874 1.35528 0
EOD
$t3 << EOD
0 390 3.15707 60
1 2174 2.03218 0
2 2168 0.913265 0
3 2134 0.956726 0
4 2201 1.99797 0
5 352 0.169491 0
EOD
$t4 << EOD
0 390 2.27222 60
1 2153 0.829969 0
2 1437 7.21976 60
3 600 1.7488 0
4 600 1.31202 0
EOD
$t5 << EOD
0 390 2.45744 60
1 1923 1.80006 0
2 1881 5.66729 0
3 1886 3.34777 0
4 1856 2.64523 12
5 602 0.784098 0
EOD
$t6 << EOD
0 390 2.10409 60
1 2122 0.995268 0
2 2125 1.22802 0
3 2149 0.960558 0
4 2142 1.96788 12
5 1350 0.261007 0
EOD
$t7 << EOD
0 390 2.75079 60
1 2058 1.13337 0
2 2100 1.24021 0
3 2069 0.997593 0
4 2070 3.15776 12
5 835 0.368628 0
EOD
$t8 << EOD
0 390 3.05526 60
1 2036 2.30926 0
2 2073 2.41349 0
3 2041 1.13474 0
4 2053 2.02255 12
5 538 1.71506 0
EOD
$t9 << EOD
0 390 3.31748 60
1 2131 3.08527 0
2 2125 1.27503 0
3 2118 0.896843 0
4 2121 2.80996 0
5 61 0.165469 0
EOD
$t10 << EOD
0 390 3.04556 60
1 2188 0.572947 0
2 2174 0.930917 0
3 2149 1.47735 0
4 2195 1.72513 0
5 1517 0.2084 0
EOD
$t11 << EOD
0 390 2.94406 60
1 2165 1.70791 0
2 2160 1.58806 0
3 2162 0.790364 0
4 2173 2.10952 0
5 1560 0.240303 0
EOD
$t12 << EOD
0 390 4.02003 60
1 2022 3.79077 0
2 2007 1.83925 0
3 2087 2.27316 0
4 2117 1.96854 12
5 1505 0.374439 0
6 1543 0.306122 0
7 1539 0.284672 0
8 1535 0.24623 0
9 1510 0.459477 0
10 760 0.314166 0
EOD
$t13 << EOD
0 390 2.41035 60
1 1804 4.41538 0
2 1793 1.83531 0
3 1799 1.95354 0
4 1811 5.14644 12
5 1257 1.90884 0
6 1304 0.982679 0
7 1240 2.58398 0
8 1176 3.22291 0
9 1303 1.99748 0
10 622 3.1995 0
EOD
$t14 << EOD
0 390 2.2957 60
1 2096 2.33039 0
2 2156 1.04213 0
3 2166 2.058 0
4 2170 1.92877 12
5 1534 0.218438 0
6 1538 0.304638 0
7 1551 0.25742 0
8 1572 0.423715 0
9 1537 0.487866 0
10 777 0.206136 0
EOD
set multiplot layout 3,1
set xrange [0:*]
set lmargin 10
set rmargin 28
set ylabel "requests/s"
plot $t0 using 1:2 with linespoints lw 2 pt 7 ps 0.5 title "short-ttl", $t1 using 1:2 with linespoints lw 2 pt 7 ps 0.5 title "redis-denylist", $t2 using 1:2 with linespoints lw 2 pt 7 ps 0.5 title "pg-token-version", $t3 using 1:2 with linespoints lw 2 pt 7 ps 0.5 title "refresh-rotation", $t4 using 1:2 with linespoints lw 2 pt 7 ps 0.5 title "secret-rotation", $t5 using 1:2 with linespoints lw 2 pt 7 ps 0.5 title "allowlist", $t6 using 1:2 with linespoints lw 2 pt 7 ps 0.5 title "local-denylist", $t7 using 1:2 with linespoints lw 2 pt 7 ps 0.5 title "not-before", $t8 using 1:2 with linespoints lw 2 pt 7 ps 0.5 title "per-user-secret", $t9 using 1:2 with linespoints lw 2 pt 7 ps 0.5 title "refresh-rotation-grace", $t10 using 1:2 with linespoints lw 2 pt 7 ps 0.5 title "refresh-rotation-replay", $t11 using 1:2 with linespoints lw 2 pt 7 ps 0.5 title "refresh-rotation-lazy", $t12 using 1:2 with linespoints lw 2 pt 7 ps 0.5 title "hybrid-freshness", $t13 using 1:2 with linespoints lw 2 pt 7 ps 0.5 title "hybrid-freshness-0s", $t14 using 1:2 with linespoints lw 2 pt 7 ps 0.5 title "hybrid-freshness-3s"
set ylabel "max latency (ms)"
plot $t0 using 1:3 with linespoints lw 2 pt 7 ps 0.5 title "short-ttl", $t1 using 1:3 with linespoints lw 2 pt 7 ps 0.5 title "redis-denylist", $t2 using 1:3 with linespoints lw 2 pt 7 ps 0.5 title "pg-token-version", $t3 using 1:3 with linespoints lw 2 pt 7 ps 0.5 title "refresh-rotation", $t4 using 1:3 with linespoints lw 2 pt 7 ps 0.5 title "secret-rotation", $t5 using 1:3 with linespoints lw 2 pt 7 ps 0.5 title "allowlist", $t6 using 1:3 with linespoints lw 2 pt 7 ps 0.5 title "local-denylist", $t7 using 1:3 with linespoints lw 2 pt 7 ps 0.5 title "not-before", $t8 using 1:3 with linespoints lw 2 pt 7 ps 0.5 title "per-user-secret", $t9 using 1:3 with linespoints lw 2 pt 7 ps 0.5 title "refresh-rotation-grace", $t10 using 1:3 with linespoints lw 2 pt 7 ps 0.5 title "refresh-rotation-replay", $t11 using 1:3 with linespoints lw 2 pt 7 ps 0.5 title "refresh-rotation-lazy", $t12 using 1:3 with linespoints lw 2 pt 7 ps 0.5 title "hybrid-freshness", $t13 using 1:3 with linespoints lw 2 pt 7 ps 0.5 title "hybrid-freshness-0s", $t14 using 1:3 with linespoints lw 2 pt 7 ps 0.5 title "hybrid-freshness-3s"
set xlabel "second of the run"
set ylabel "logins/s"
plot $t0 using 1:4 with linespoints lw 2 pt 7 ps 0.5 title "short-ttl", $t1 using 1:4 with linespoints lw 2 pt 7 ps 0.5 title "redis-denylist", $t2 using 1:4 with linespoints lw 2 pt 7 ps 0.5 title "pg-token-version", $t3 using 1:4 with linespoints lw 2 pt 7 ps 0.5 title "refresh-rotation", $t4 using 1:4 with linespoints lw 2 pt 7 ps 0.5 title "secret-rotation", $t5 using 1:4 with linespoints lw 2 pt 7 ps 0.5 title "allowlist", $t6 using 1:4 with linespoints lw 2 pt 7 ps 0.5 title "local-denylist", $t7 using 1:4 with linespoints lw 2 pt 7 ps 0.5 title "not-before", $t8 using 1:4 with linespoints lw 2 pt 7 ps 0.5 title "per-user-secret", $t9 using 1:4 with linespoints lw 2 pt 7 ps 0.5 title "refresh-rotation-grace", $t10 using 1:4 with linespoints lw 2 pt 7 ps 0.5 title "refresh-rotation-replay", $t11 using 1:4 with linespoints lw 2 pt 7 ps 0.5 title "refresh-rotation-lazy", $t12 using 1:4 with linespoints lw 2 pt 7 ps 0.5 title "hybrid-freshness", $t13 using 1:4 with linespoints lw 2 pt 7 ps 0.5 title "hybrid-freshness-0s", $t14 using 1:4 with linespoints lw 2 pt 7 ps 0.5 title "hybrid-freshness-3s"
unset multiplot
