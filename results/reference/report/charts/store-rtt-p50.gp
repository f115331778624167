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
0 0.327679
0.25 0.362495
1 0.387071
5 0.262143
EOD
$s1 << EOD
0 0.462847
0.25 1.05677
1 1.72032
5 5.76717
EOD
$s2 << EOD
0 0.540671
0.25 1.08134
1 1.76947
5 5.70163
EOD
$s3 << EOD
0 0.230399
0.25 0.266239
1 0.315391
5 0.327679
EOD
$s4 << EOD
0 0.378879
0.25 0.561151
1 0.430079
5 0.407551
EOD
$s5 << EOD
0 0.593919
0.25 0.978943
1 1.63021
5 5.60333
EOD
$s6 << EOD
0 0.450559
0.25 0.244735
1 0.307199
5 0.503807
EOD
$s7 << EOD
0 0.393215
0.25 0.342015
1 0.296959
5 0.242687
EOD
$s8 << EOD
0 0.378879
0.25 0.339967
1 0.246783
5 0.251903
EOD
$s9 << EOD
0 0.284671
0.25 0.323583
1 0.294911
5 0.360447
EOD
$s10 << EOD
0 0.258047
0.25 0.356351
1 0.209919
5 0.399359
EOD
$s11 << EOD
0 0.261119
0.25 0.333823
1 0.290815
5 0.280575
EOD
$s12 << EOD
0 0.354303
0.25 0.364543
1 0.387071
5 0.223231
EOD
$s13 << EOD
0 0.774143
0.25 1.17145
1 1.83501
5 5.57056
EOD
$s14 << EOD
0 0.311295
0.25 0.278527
1 0.385023
5 0.387071
EOD
plot $s0 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "short-ttl", $s1 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "redis-denylist", $s2 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "pg-token-version", $s3 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "refresh-rotation", $s4 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "secret-rotation", $s5 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "allowlist", $s6 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "local-denylist", $s7 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "not-before", $s8 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "per-user-secret", $s9 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "refresh-rotation-grace", $s10 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "refresh-rotation-replay", $s11 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "refresh-rotation-lazy", $s12 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "hybrid-freshness", $s13 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "hybrid-freshness-0s", $s14 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title "hybrid-freshness-3s"
