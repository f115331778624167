set terminal svg size 900,1080 font "DejaVu Sans,12" noenhanced background rgb "white"
set encoding utf8
set grid lc rgb "#dde1e8"
set border lc rgb "#5b6270"
set key outside right top
$t0 << EOD
0 390 2.16292 60
1 2128 3.7584 0
2 2146 0.996671 0
3 2117 2.64908 0
4 2144 2.10003 12
5 1118 0.50335 0
EOD
$t1 << EOD
0 390 2.71753 60
1 1959 3.25875 0
2 1974 3.29196 0
3 1936 4.14958 0
4 1934 3.16494 12
5 1199 0.419513 0
EOD
$t2 << EOD
0 390 1.93995 60
1 1888 1.68161 0
2 1929 2.97188 0
3 1921 1.31911 0
4 1922 4.23055 12
5 604 0.403774 0
EOD
$t3 << EOD
0 390 2.96518 60
1 2148 1.07859 0
2 2180 0.91187 0
3 2179 1.12098 0
4 2208 1.84274 0
5 641 0.144279 0
EOD
$t4 << EOD
0 390 1.52511 60
1 2192 0.733701 0
2 1436 5.60521 60
3 600 0.950803 0
4 600 0.89713 0
EOD
$t5 << EOD
0 390 2.20643 60
1 1971 1.68875 0
2 1857 1.74386 0
3 1916 2.83274 0
4 1945 1.78107 12
5 1385 1.244 0
EOD
$t6 << EOD
0 390 1.67447 60
1 2176 0.995492 0
2 2196 0.836672 0
3 2190 0.915818 0
4 2164 1.62986 12
5 371 0.129592 0
EOD
$t7 << EOD
0 390 2.73728 60
1 2098 4.55961 0
2 2126 1.22746 0
3 2115 0.840203 0
4 2118 2.25832 12
5 427 0.18252 0
EOD
$t8 << EOD
0 390 2.5207 60
1 2140 0.998961 0
2 2074 1.10017 0
3 2043 1.21735 0
4 2079 2.17114 12
5 1391 0.278811 0
EOD
$t9 << EOD
0 390 3.31774 60
1 2096 1.29982 0
2 2095 2.16083 0
3 2058 1.01072 0
4 2070 2.42116 0
5 1361 0.333307 0
EOD
$t10 << EOD
0 390 3.06547 60
1 2089 2.54381 0
2 2061 1.96389 0
3 2130 2.59645 0
4 2113 1.93633 0
5 1424 1.46323 0
EOD
$t11 << EOD
0 390 4.33052 60
1 2068 1.12855 0
2 2070 3.23608 0
3 2051 1.94245 0
4 2070 2.55339 0
5 533 0.475306 0
EOD
$t12 << EOD
0 390 3.67304 60
1 2102 1.42874 0
2 2048 1.55921 0
3 2118 5.32607 0
4 2107 1.93143 12
5 1506 0.330508 0
6 1509 0.914829 0
7 1523 2.84478 0
8 1500 0.523873 0
9 1553 0.264404 0
10 760 0.314888 0
EOD
$t13 << EOD
0 390 1.76408 60
1 1919 1.8688 0
2 1933 2.2004 0
3 1946 1.25209 0
4 1950 4.75038 12
5 1391 0.813168 0
6 1361 2.98347 0
7 1382 2.34021 0
8 1392 0.492359 0
9 1386 2.84464 0
10 686 0.343246 0
EOD
$t14 << EOD
0 390 2.02017 60
1 2138 1.2338 0
2 2097 2.14056 0
3 2120 1.5208 0
4 2172 3.61823 12
5 1568 0.242413 0
6 1591 0.62883 0
7 1591 0.201125 0
8 1499 1.92996 0
9 1504 0.34283 0
10 790 0.296884 0
EOD
set multiplot layout 3,1
set xrange [0:*]
set lmargin 10
set rmargin 32
set key outside right top vertical spacing 0.9
set ylabel "requests/s"
plot $t0 using 1:2 with linespoints lw 2 ps 0.5 lc rgb "#0072b2" dt 1 pt 7 title "short-ttl", $t1 using 1:2 with linespoints lw 2 ps 0.5 lc rgb "#d55e00" dt 1 pt 7 title "redis-denylist", $t2 using 1:2 with linespoints lw 2 ps 0.5 lc rgb "#009e73" dt 1 pt 7 title "pg-token-version", $t3 using 1:2 with linespoints lw 2 ps 0.5 lc rgb "#cc79a7" dt 1 pt 7 title "refresh-rotation", $t4 using 1:2 with linespoints lw 2 ps 0.5 lc rgb "#e69f00" dt 1 pt 7 title "secret-rotation", $t5 using 1:2 with linespoints lw 2 ps 0.5 lc rgb "#56b4e9" dt 1 pt 7 title "allowlist", $t6 using 1:2 with linespoints lw 2 ps 0.5 lc rgb "#000000" dt 1 pt 7 title "local-denylist", $t7 using 1:2 with linespoints lw 2 ps 0.5 lc rgb "#8c564b" dt 1 pt 7 title "not-before", $t8 using 1:2 with linespoints lw 2 ps 0.5 lc rgb "#0072b2" dt 2 pt 5 title "per-user-secret", $t9 using 1:2 with linespoints lw 2 ps 0.5 lc rgb "#d55e00" dt 2 pt 5 title "refresh-rotation-grace", $t10 using 1:2 with linespoints lw 2 ps 0.5 lc rgb "#009e73" dt 2 pt 5 title "refresh-rotation-replay", $t11 using 1:2 with linespoints lw 2 ps 0.5 lc rgb "#cc79a7" dt 2 pt 5 title "refresh-rotation-lazy", $t12 using 1:2 with linespoints lw 2 ps 0.5 lc rgb "#e69f00" dt 2 pt 5 title "hybrid-freshness", $t13 using 1:2 with linespoints lw 2 ps 0.5 lc rgb "#56b4e9" dt 2 pt 5 title "hybrid-freshness-0s", $t14 using 1:2 with linespoints lw 2 ps 0.5 lc rgb "#000000" dt 2 pt 5 title "hybrid-freshness-3s"
unset key
set ylabel "max latency (ms)"
plot $t0 using 1:3 with linespoints lw 2 ps 0.5 lc rgb "#0072b2" dt 1 pt 7 title "short-ttl", $t1 using 1:3 with linespoints lw 2 ps 0.5 lc rgb "#d55e00" dt 1 pt 7 title "redis-denylist", $t2 using 1:3 with linespoints lw 2 ps 0.5 lc rgb "#009e73" dt 1 pt 7 title "pg-token-version", $t3 using 1:3 with linespoints lw 2 ps 0.5 lc rgb "#cc79a7" dt 1 pt 7 title "refresh-rotation", $t4 using 1:3 with linespoints lw 2 ps 0.5 lc rgb "#e69f00" dt 1 pt 7 title "secret-rotation", $t5 using 1:3 with linespoints lw 2 ps 0.5 lc rgb "#56b4e9" dt 1 pt 7 title "allowlist", $t6 using 1:3 with linespoints lw 2 ps 0.5 lc rgb "#000000" dt 1 pt 7 title "local-denylist", $t7 using 1:3 with linespoints lw 2 ps 0.5 lc rgb "#8c564b" dt 1 pt 7 title "not-before", $t8 using 1:3 with linespoints lw 2 ps 0.5 lc rgb "#0072b2" dt 2 pt 5 title "per-user-secret", $t9 using 1:3 with linespoints lw 2 ps 0.5 lc rgb "#d55e00" dt 2 pt 5 title "refresh-rotation-grace", $t10 using 1:3 with linespoints lw 2 ps 0.5 lc rgb "#009e73" dt 2 pt 5 title "refresh-rotation-replay", $t11 using 1:3 with linespoints lw 2 ps 0.5 lc rgb "#cc79a7" dt 2 pt 5 title "refresh-rotation-lazy", $t12 using 1:3 with linespoints lw 2 ps 0.5 lc rgb "#e69f00" dt 2 pt 5 title "hybrid-freshness", $t13 using 1:3 with linespoints lw 2 ps 0.5 lc rgb "#56b4e9" dt 2 pt 5 title "hybrid-freshness-0s", $t14 using 1:3 with linespoints lw 2 ps 0.5 lc rgb "#000000" dt 2 pt 5 title "hybrid-freshness-3s"
set xlabel "second of the run"
set ylabel "logins/s"
plot $t0 using 1:4 with linespoints lw 2 ps 0.5 lc rgb "#0072b2" dt 1 pt 7 title "short-ttl", $t1 using 1:4 with linespoints lw 2 ps 0.5 lc rgb "#d55e00" dt 1 pt 7 title "redis-denylist", $t2 using 1:4 with linespoints lw 2 ps 0.5 lc rgb "#009e73" dt 1 pt 7 title "pg-token-version", $t3 using 1:4 with linespoints lw 2 ps 0.5 lc rgb "#cc79a7" dt 1 pt 7 title "refresh-rotation", $t4 using 1:4 with linespoints lw 2 ps 0.5 lc rgb "#e69f00" dt 1 pt 7 title "secret-rotation", $t5 using 1:4 with linespoints lw 2 ps 0.5 lc rgb "#56b4e9" dt 1 pt 7 title "allowlist", $t6 using 1:4 with linespoints lw 2 ps 0.5 lc rgb "#000000" dt 1 pt 7 title "local-denylist", $t7 using 1:4 with linespoints lw 2 ps 0.5 lc rgb "#8c564b" dt 1 pt 7 title "not-before", $t8 using 1:4 with linespoints lw 2 ps 0.5 lc rgb "#0072b2" dt 2 pt 5 title "per-user-secret", $t9 using 1:4 with linespoints lw 2 ps 0.5 lc rgb "#d55e00" dt 2 pt 5 title "refresh-rotation-grace", $t10 using 1:4 with linespoints lw 2 ps 0.5 lc rgb "#009e73" dt 2 pt 5 title "refresh-rotation-replay", $t11 using 1:4 with linespoints lw 2 ps 0.5 lc rgb "#cc79a7" dt 2 pt 5 title "refresh-rotation-lazy", $t12 using 1:4 with linespoints lw 2 ps 0.5 lc rgb "#e69f00" dt 2 pt 5 title "hybrid-freshness", $t13 using 1:4 with linespoints lw 2 ps 0.5 lc rgb "#56b4e9" dt 2 pt 5 title "hybrid-freshness-0s", $t14 using 1:4 with linespoints lw 2 ps 0.5 lc rgb "#000000" dt 2 pt 5 title "hybrid-freshness-3s"
unset multiplot
