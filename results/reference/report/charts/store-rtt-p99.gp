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
0 1.44998
0.25 0.811007
1 1.03629
5 0.962559
EOD
$s1 << EOD
0 2.00704
0.25 2.44122
1 2.89997
5 6.71744
EOD
$s2 << EOD
0 1.48275
0.25 2.12992
1 3.98131
5 7.34003
EOD
$s3 << EOD
0 1.61382
0.25 0.864255
1 1.01171
5 0.630783
EOD
$s4 << EOD
0 1.09773
0.25 0.946175
1 1.44179
5 0.614399
EOD
$s5 << EOD
0 1.4336
0.25 3.80109
1 2.67059
5 7.27449
EOD
$s6 << EOD
0 0.905215
0.25 0.950271
1 0.843775
5 1.17145
EOD
$s7 << EOD
0 1.04448
0.25 0.798719
1 0.753663
5 0.905215
EOD
$s8 << EOD
0 0.905215
0.25 1.5319
1 1.69574
5 0.999423
EOD
$s9 << EOD
0 0.905215
0.25 1.14688
1 1.0199
5 0.659455
EOD
$s10 << EOD
0 0.671743
0.25 0.987135
1 1.06496
5 0.708607
EOD
$s11 << EOD
0 1.00352
0.25 0.831487
1 0.757759
5 0.806911
EOD
$s12 << EOD
0 1.21242
0.25 1.04448
1 1.77766
5 5.8327
EOD
$s13 << EOD
0 1.75309
0.25 2.71974
1 3.7847
5 7.96262
EOD
$s14 << EOD
0 2.94912
0.25 0.946175
1 0.806911
5 1.23699
EOD
plot $s0 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#0072b2" dt 1 pt 7 title "short-ttl", $s1 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#d55e00" dt 1 pt 7 title "redis-denylist", $s2 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#009e73" dt 1 pt 7 title "pg-token-version", $s3 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#cc79a7" dt 1 pt 7 title "refresh-rotation", $s4 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#e69f00" dt 1 pt 7 title "secret-rotation", $s5 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#56b4e9" dt 1 pt 7 title "allowlist", $s6 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#000000" dt 1 pt 7 title "local-denylist", $s7 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#8c564b" dt 1 pt 7 title "not-before", $s8 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#0072b2" dt 2 pt 5 title "per-user-secret", $s9 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#d55e00" dt 2 pt 5 title "refresh-rotation-grace", $s10 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#009e73" dt 2 pt 5 title "refresh-rotation-replay", $s11 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#cc79a7" dt 2 pt 5 title "refresh-rotation-lazy", $s12 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#e69f00" dt 2 pt 5 title "hybrid-freshness", $s13 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#56b4e9" dt 2 pt 5 title "hybrid-freshness-0s", $s14 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#000000" dt 2 pt 5 title "hybrid-freshness-3s"
