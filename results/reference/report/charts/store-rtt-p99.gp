set terminal svg size 900,440 font "DejaVu Sans,12" noenhanced background rgb "white"
set encoding utf8
set grid lc rgb "#dde1e8"
set border lc rgb "#5b6270"
set key outside right top
set xrange [0:*]
set yrange [0:*]
set offsets 0, graph 0.05, graph 0.05, 0
set xlabel "store round trip (ms)"
set ylabel "p99 latency (ms)"
$s0 << EOD
0 0.958463
0.25 1.01581
1 1.06496
5 1.24518
EOD
$s1 << EOD
0 1.51552
0.25 1.93331
1 3.71917
5 6.6519
EOD
$s2 << EOD
0 1.44998
0.25 2.24461
1 4.11238
5 7.04512
EOD
$s3 << EOD
0 0.671743
0.25 0.962559
1 1.29434
5 0.962559
EOD
$s4 << EOD
0 1.04448
0.25 1.31891
1 1.3271
5 1.20422
EOD
$s5 << EOD
0 2.31014
0.25 2.5559
1 3.86662
5 6.29146
EOD
$s6 << EOD
0 1.31891
0.25 0.921599
1 0.737279
5 1.04448
EOD
$s7 << EOD
0 1.19603
0.25 1.07315
1 0.749567
5 0.696319
EOD
$s8 << EOD
0 0.958463
0.25 1.1305
1 0.622591
5 0.589823
EOD
$s9 << EOD
0 0.917503
0.25 1.3271
1 0.806911
5 0.860159
EOD
$s10 << EOD
0 0.946175
0.25 1.10592
1 0.667647
5 0.966655
EOD
$s11 << EOD
0 1.47456
0.25 0.835583
1 1.18784
5 0.815103
EOD
$s12 << EOD
0 1.91693
0.25 1.31072
1 1.72032
5 5.60333
EOD
$s13 << EOD
0 2.05619
0.25 4.45645
1 2.58867
5 7.17619
EOD
$s14 << EOD
0 1.14688
0.25 0.892927
1 1.26157
5 1.15507
EOD
plot $s0 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "short-ttl", $s1 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "redis-denylist", $s2 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "pg-token-version", $s3 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "refresh-rotation", $s4 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "secret-rotation", $s5 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "allowlist", $s6 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "local-denylist", $s7 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "not-before", $s8 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "per-user-secret", $s9 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "refresh-rotation-grace", $s10 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "refresh-rotation-replay", $s11 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "refresh-rotation-lazy", $s12 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "hybrid-freshness", $s13 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "hybrid-freshness-0s", $s14 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "hybrid-freshness-3s"
