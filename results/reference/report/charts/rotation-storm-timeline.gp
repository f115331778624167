set terminal svg size 900,760 font "DejaVu Sans,12" noenhanced background rgb "white"
set encoding utf8
set grid lc rgb "#dde1e8"
set border lc rgb "#5b6270"
set key outside right top
$t0 << EOD
0 390 2.02983 60
1 2083 1.81654 0
2 2056 0.918566 0
3 2035 2.42867 0
4 2066 1.42427 12
5 702 0.27068 0
EOD
$t1 << EOD
0 390 3.58861 60
1 2038 2.69075 0
2 1964 1.24889 0
3 1959 1.58135 0
4 1888 11.088 12
5 1066 7.33782 0
EOD
$t2 << EOD
0 390 1.93229 60
1 1797 4.43468 0
2 1764 4.61333 0
3 1910 3.02613 0
4 1940 3.43384 12
5 1066 1.65343 0
EOD
$t3 << EOD
0 390 2.86113 60
1 2027 0.740978 0
2 2027 2.2468 0
3 2092 1.34552 0
4 2170 2.33681 0
5 1158 0.235641 0
EOD
$t4 << EOD
0 390 2.04631 60
1 2265 1.06538 0
2 1501 3.58933 60
3 600 1.19097 0
4 600 1.20296 0
EOD
$t5 << EOD
0 390 1.88341 60
1 2067 4.16568 0
2 2045 1.20206 0
3 2033 2.69749 0
4 2033 3.3453 12
5 339 0.643877 0
EOD
$t6 << EOD
0 390 1.98042 60
1 2204 0.848337 0
2 2218 0.862538 0
3 2241 9.29007 0
4 2206 3.3482 12
5 11 0.113392 0
EOD
$t7 << EOD
0 390 2.41544 60
1 2169 5.71102 0
2 2097 1.42213 0
3 2108 2.53869 0
4 2182 4.05809 12
5 1205 3.44648 0
EOD
$t8 << EOD
0 390 3.31262 60
1 2168 2.95032 0
2 2151 1.54345 0
3 2136 7.2171 0
4 2101 1.39419 12
5 1073 0.357271 0
EOD
$t9 << EOD
0 390 3.29331 60
1 2128 2.49911 0
2 2214 0.81961 0
3 2212 1.3379 0
4 2197 2.28703 0
5 1483 0.960598 0
EOD
$t10 << EOD
0 390 4.69352 60
1 2249 0.779787 0
2 2199 1.06437 0
3 2243 0.725354 0
4 2238 4.04719 0
5 95 0.361026 0
EOD
$t11 << EOD
0 390 2.87857 60
1 2187 0.670209 0
2 2153 1.58124 0
3 2166 1.04046 0
4 2209 2.97367 0
5 1569 0.29369 0
EOD
$t12 << EOD
0 390 1.93194 60
1 2065 3.29252 0
2 2106 1.14529 0
3 2034 1.93638 0
4 2049 2.90931 12
5 1463 0.574362 0
6 1430 0.516208 0
7 1445 1.78707 0
8 1489 0.378676 0
9 1415 1.19864 0
10 694 5.15406 0
EOD
$t13 << EOD
0 390 8.46801 60
1 1909 1.90906 0
2 1921 1.61133 0
3 1831 2.53052 0
4 1920 3.24074 12
5 1339 1.69184 0
6 1359 4.85391 0
7 1281 4.12017 0
8 1282 3.58679 0
9 1377 4.14878 0
10 689 1.24856 0
EOD
$t14 << EOD
0 390 2.03419 60
1 2082 1.21049 0
2 2013 1.39909 0
3 1993 1.84475 0
4 2076 1.48521 12
5 1591 1.77297 0
6 1509 40.0869 0
7 1430 19.9967 0
8 1520 0.400102 0
9 1512 0.483428 0
10 759 0.360156 0
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
