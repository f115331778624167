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
0 2375.38
0.125 1931.97
0.5 2158.08
2.5 2117.64
EOD
$s1 << EOD
0 1.55827
0.125 1.41836
0.5 2.51453
2.5 8.75254
EOD
$s2 << EOD
0 1.66135
0.125 2.21117
0.5 2.88727
2.5 11.7579
EOD
$s3 << EOD
0 2320.1
0.125 2552.27
0.5 2652.27
2.5 2098.59
EOD
$s4 << EOD
0 0.929425
0.125 0.576226
0.5 1.81209
2.5 0.716999
EOD
$s5 << EOD
0 1.38359
0.125 2.43631
0.5 3.1226
2.5 11.4145
EOD
$s6 << EOD
0 0.480115
0.125 0.369174
0.5 0.37513
2.5 0.436154
EOD
$s7 << EOD
0 0.644048
0.125 0.693454
0.5 0.261348
2.5 0.196106
EOD
$s8 << EOD
0 2.86876
0.125 1.91316
0.5 2.8008
2.5 0
EOD
$s9 << EOD
0 2025.85
0.125 2125.08
0.5 2150.67
2.5 2411.14
EOD
$s10 << EOD
0 2117.5
0.125 2556.19
0.5 2632.65
2.5 2597.89
EOD
$s11 << EOD
0 2111.75
0.125 2039.75
0.5 2213.06
2.5 1913.95
EOD
$s12 << EOD
0 700.637
0.125 700.273
0.5 699.607
2.5 699.541
EOD
$s13 << EOD
0 0.513528
0.125 1.90627
0.5 3.29042
2.5 8.9248
EOD
$s14 << EOD
0 2053.54
0.125 2557.79
0.5 1766.66
2.5 1989.51
EOD
plot $s0 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "short-ttl", $s1 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "redis-denylist", $s2 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "pg-token-version", $s3 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "refresh-rotation", $s4 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "secret-rotation", $s5 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "allowlist", $s6 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "local-denylist", $s7 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "not-before", $s8 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "per-user-secret", $s9 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "refresh-rotation-grace", $s10 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "refresh-rotation-replay", $s11 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "refresh-rotation-lazy", $s12 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "hybrid-freshness", $s13 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "hybrid-freshness-0s", $s14 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "hybrid-freshness-3s"
