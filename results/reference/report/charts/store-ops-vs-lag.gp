set terminal svg size 900,440 font "DejaVu Sans,12" noenhanced background rgb "white"
set encoding utf8
set grid lc rgb "#dde1e8"
set border lc rgb "#5b6270"
set key outside right top
$all << EOD
0 1 "redis-denylist"
0 1 "pg-token-version"
1 0 "secret-rotation"
0 1 "allowlist"
1 0 "local-denylist"
1 0 "not-before"
1 0 "per-user-secret"
1.25 0.03925 "hybrid-freshness"
0.25 1 "hybrid-freshness-0s"
3.25 0.01 "hybrid-freshness-3s"
EOD
$curve << EOD
0.25 1
1.25 0.03925
3.25 0.01
EOD
set xlabel "promised revocation lag on logout (s)"
set ylabel "store operations per GET /api/resource"
set xrange [-0.1:*]
set yrange [0:*]
set offsets 0, 0.6, 0.1, 0
plot $all using 1:2 with points pt 7 ps 1.2 lc rgb "#336791" title "strategies", $all using 1:2:3 with labels left offset 0.8,0.5 font ",10" notitle, $curve using 1:2 with lines lw 2 lc rgb "#c8453b" title "hybrid-freshness, by N"
