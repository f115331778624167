set terminal svg size 900,440 font "DejaVu Sans,12" noenhanced background rgb "white"
set encoding utf8
set grid lc rgb "#dde1e8"
set border lc rgb "#5b6270"
set key outside right top
set xrange [0:*]
set yrange [0:*]
set offsets 0, graph 0.05, graph 0.05, 0
set xlabel "store round trip (ms)"
set ylabel "p50 latency (ms)"
$s0 << EOD
0 0.337919
0.25 0.258047
1 0.446463
5 0.335871
EOD
$s1 << EOD
0 0.749567
0.25 1.024
1 1.70393
5 5.53779
EOD
$s2 << EOD
0 0.569343
0.25 1.18784
1 1.95789
5 5.8327
EOD
$s3 << EOD
0 0.382975
0.25 0.220159
1 0.241663
5 0.202751
EOD
$s4 << EOD
0 0.444415
0.25 0.366591
1 0.593919
5 0.238591
EOD
$s5 << EOD
0 0.514047
0.25 0.999423
1 1.69574
5 5.96378
EOD
$s6 << EOD
0 0.358399
0.25 0.382975
1 0.329727
5 0.423935
EOD
$s7 << EOD
0 0.290815
0.25 0.342015
1 0.348159
5 0.323583
EOD
$s8 << EOD
0 0.286719
0.25 0.454655
1 0.505855
5 0.337919
EOD
$s9 << EOD
0 0.311295
0.25 0.226303
1 0.286719
5 0.264191
EOD
$s10 << EOD
0 0.210943
0.25 0.278527
1 0.248831
5 0.305151
EOD
$s11 << EOD
0 0.313343
0.25 0.236543
1 0.292863
5 0.327679
EOD
$s12 << EOD
0 0.252927
0.25 0.284671
1 0.311295
5 0.425983
EOD
$s13 << EOD
0 0.761855
0.25 1.17965
1 1.82682
5 5.86547
EOD
$s14 << EOD
0 0.317439
0.25 0.294911
1 0.246783
5 0.561151
EOD
plot $s0 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#0072b2" dt 1 pt 7 title "short-ttl", $s1 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#d55e00" dt 1 pt 7 title "redis-denylist", $s2 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#009e73" dt 1 pt 7 title "pg-token-version", $s3 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#cc79a7" dt 1 pt 7 title "refresh-rotation", $s4 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#e69f00" dt 1 pt 7 title "secret-rotation", $s5 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#56b4e9" dt 1 pt 7 title "allowlist", $s6 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#000000" dt 1 pt 7 title "local-denylist", $s7 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#8c564b" dt 1 pt 7 title "not-before", $s8 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#0072b2" dt 2 pt 5 title "per-user-secret", $s9 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#d55e00" dt 2 pt 5 title "refresh-rotation-grace", $s10 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#009e73" dt 2 pt 5 title "refresh-rotation-replay", $s11 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#cc79a7" dt 2 pt 5 title "refresh-rotation-lazy", $s12 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#e69f00" dt 2 pt 5 title "hybrid-freshness", $s13 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#56b4e9" dt 2 pt 5 title "hybrid-freshness-0s", $s14 using 1:2 with linespoints ps 0.6 lw 2 lc rgb "#000000" dt 2 pt 5 title "hybrid-freshness-3s"
