set terminal svg size 900,440 font "DejaVu Sans,12" noenhanced background rgb "white"
set encoding utf8
set grid lc rgb "#dde1e8"
set border lc rgb "#5b6270"
set key outside right top
set xrange [0:*]
set yrange [0:*]
set offsets 0, graph 0.05, graph 0.05, 0
set xlabel "one-way delay to the stores (ms)"
set ylabel "slowest revocation lag (ms)"
$s0 << EOD
0 2375.17
0.125 2385.68
0.5 1995.92
2.5 2242.15
EOD
$s1 << EOD
0 0.663663
0.125 1.36794
0.5 2.33591
2.5 11.1582
EOD
$s2 << EOD
0 1.91598
0.125 2.55991
0.5 3.56668
2.5 10.9872
EOD
$s3 << EOD
0 2390.54
0.125 1872.66
0.5 2270.22
2.5 2145.95
EOD
$s4 << EOD
0 0.70142
0.125 1.35712
0.5 1.22022
2.5 0.812286
EOD
$s5 << EOD
0 1.41043
0.125 1.82173
0.5 2.75235
2.5 10.7236
EOD
$s6 << EOD
0 1.03514
0.125 0.88112
0.5 0.490565
2.5 0.747485
EOD
$s7 << EOD
0 1.07624
0.125 0.81427
0.5 1.10684
2.5 0.741194
EOD
$s8 << EOD
0 1.4607
0.125 2.15199
0.5 3.72793
2.5 5.634
EOD
$s9 << EOD
0 2005.86
0.125 1793.63
0.5 2598.45
2.5 2354.88
EOD
$s10 << EOD
0 2000.47
0.125 2307.46
0.5 2145.46
2.5 2682.73
EOD
$s11 << EOD
0 1889.92
0.125 1811.04
0.5 2648.98
2.5 1966.06
EOD
$s12 << EOD
0 699.939
0.125 699.844
0.5 700.339
2.5 699.649
EOD
$s13 << EOD
0 1.46616
0.125 1.65585
0.5 2.90395
2.5 10.8172
EOD
$s14 << EOD
0 2665.93
0.125 2535.27
0.5 1902.85
2.5 1849.47
EOD
plot $s0 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#0072b2" dt 1 pt 7 title "short-ttl", $s1 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#d55e00" dt 1 pt 7 title "redis-denylist", $s2 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#009e73" dt 1 pt 7 title "pg-token-version", $s3 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#cc79a7" dt 1 pt 7 title "refresh-rotation", $s4 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#e69f00" dt 1 pt 7 title "secret-rotation", $s5 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#56b4e9" dt 1 pt 7 title "allowlist", $s6 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#000000" dt 1 pt 7 title "local-denylist", $s7 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#8c564b" dt 1 pt 7 title "not-before", $s8 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#0072b2" dt 2 pt 5 title "per-user-secret", $s9 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#d55e00" dt 2 pt 5 title "refresh-rotation-grace", $s10 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#009e73" dt 2 pt 5 title "refresh-rotation-replay", $s11 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#cc79a7" dt 2 pt 5 title "refresh-rotation-lazy", $s12 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#e69f00" dt 2 pt 5 title "hybrid-freshness", $s13 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#56b4e9" dt 2 pt 5 title "hybrid-freshness-0s", $s14 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#000000" dt 2 pt 5 title "hybrid-freshness-3s"
