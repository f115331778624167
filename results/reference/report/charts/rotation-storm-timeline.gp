set terminal svg size 900,760 font "DejaVu Sans,12" noenhanced background rgb "white"
set encoding utf8
set grid lc rgb "#dde1e8"
set border lc rgb "#5b6270"
set key outside right top
$t0 << EOD
0 390 0.92906 60
1 2402 0.43744 0
2 2399 1.0858 0
3 2395 0.398496 0
4 2414 0.824017 12
5 1454 0.061923 0
EOD
$t1 << EOD
0 390 0.980382 60
1 2276 1.61547 0
2 2244 0.89539 0
3 2276 2.02706 0
4 2288 1.08694 12
5 810 0.525049 0
EOD
$t2 << EOD
0 390 1.4544 60
1 2256 1.84402 0
2 2255 3.68442 0
3 2245 2.16527 0
4 2260 0.811664 12
5 773 0.211576 0
EOD
$t3 << EOD
0 390 2.94037 60
1 2405 0.410623 0
2 2389 1.07149 0
3 2402 0.320245 0
4 2365 1.70081 0
5 1337 0.127051 0
EOD
$t4 << EOD
0 390 0.814553 60
1 2402 0.359071 0
2 1570 2.64965 60
3 600 2.43859 0
4 600 0.392895 0
EOD
$t5 << EOD
0 390 0.910037 60
1 2261 0.85828 0
2 2160 1.44504 0
3 2291 1.21363 0
4 2294 0.823497 12
5 488 0.2298 0
EOD
$t6 << EOD
0 390 1.84243 60
1 2390 0.411999 0
2 2388 1.06484 0
3 2379 0.509239 0
4 2406 0.910968 12
5 55 0.109063 0
EOD
$t7 << EOD
0 390 2.29096 60
1 2397 0.422904 0
2 2402 0.942595 0
3 2392 0.439188 0
4 2405 0.736501 12
5 1194 0.101272 0
EOD
$t8 << EOD
0 390 1.21146 60
1 2398 0.406378 0
2 2392 0.508794 0
3 2398 0.326992 0
4 2402 0.741624 12
5 1205 0.104091 0
EOD
$t9 << EOD
0 390 1.94022 60
1 2395 0.438139 0
2 2396 0.96593 0
3 2393 0.430281 0
4 2407 1.35366 0
5 784 0.125963 0
EOD
$t10 << EOD
0 390 1.42807 60
1 2398 0.38356 0
2 2398 0.624127 0
3 2371 1.18721 0
4 2399 1.32868 0
5 602 0.122684 0
EOD
$t11 << EOD
0 390 1.61165 60
1 2400 0.37868 0
2 2394 0.909864 0
3 2390 0.414273 0
4 2398 1.31524 0
5 315 0.097988 0
EOD
$t12 << EOD
0 390 1.32814 60
1 2391 0.43552 0
2 2396 0.970687 0
3 2398 0.857697 0
4 2411 2.88184 12
5 1816 0.160345 0
6 1811 0.208613 0
7 1814 0.224307 0
8 1813 0.110295 0
9 1818 0.141943 0
10 907 0.165638 0
EOD
$t13 << EOD
0 390 1.27154 60
1 2234 1.94726 0
2 2250 1.87285 0
3 2262 1.34086 0
4 2278 0.810247 12
5 1679 0.145428 0
6 1678 0.423831 0
7 1681 0.136861 0
8 1673 0.363085 0
9 1672 0.245959 0
10 836 1.14245 0
EOD
$t14 << EOD
0 390 0.966561 60
1 2401 0.462184 0
2 2405 0.664432 0
3 2395 1.58528 0
4 2411 0.89283 12
5 1808 0.221933 0
6 1813 0.208183 0
7 1811 1.24299 0
8 1811 0.225238 0
9 1816 0.243581 0
10 908 0.079038 0
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
