set terminal svg size 900,440 font "DejaVu Sans,12" noenhanced background rgb "white"
set encoding utf8
set grid lc rgb "#dde1e8"
set border lc rgb "#5b6270"
set key outside right top
$all << EOD
0 1
0 1
1 0
0 1
1 0
1 0
1 0
1.25 0.03925
0.25 1
3.25 0.01
EOD
$curve << EOD
0.25 1
1.25 0.03925
3.25 0.01
EOD
set label "redis-denylist" at 0,1 left offset 0.8,-0.9 font ",10"
set label "pg-token-version" at 0,1 left offset 0.8,-2 font ",10"
set label "allowlist" at 0,1 left offset 0.8,-3.1 font ",10"
set label "hybrid-freshness-0s (0.25 s, 1)" at 0,1 left offset 0.8,-4.2 font ",10"
set label "secret-rotation" at 1,0 left offset 0.8,0.7 font ",10"
set label "local-denylist" at 1,0 left offset 0.8,1.8 font ",10"
set label "not-before" at 1,0 left offset 0.8,2.9 font ",10"
set label "per-user-secret" at 1,0 left offset 0.8,4 font ",10"
set label "hybrid-freshness (1.25 s, 0.0393)" at 1,0 left offset 0.8,5.1 font ",10"
set label "hybrid-freshness-3s" at 3.25,0.01 left offset 0.8,0.7 font ",10"
set xlabel "promised revocation lag on logout (s)"
set ylabel "store operations per GET /api/resource"
set xrange [-0.1:*]
set yrange [0:*]
set offsets 0, 0.6, 0.1, 0
plot $all using 1:2 with points pt 7 ps 1.2 lc rgb "#336791" title "strategies", $curve using 1:2 with lines lw 2 lc rgb "#c8453b" title "hybrid-freshness, by N"
