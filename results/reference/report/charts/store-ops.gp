set terminal svg size 900,440 font "DejaVu Sans,12" noenhanced background rgb "white"
set encoding utf8
set grid lc rgb "#dde1e8"
set border lc rgb "#5b6270"
set key outside right top
$ops << EOD
"short-ttl" 0 0
"redis-denylist" 1 0
"pg-token-version" 0 1
"refresh-rotation" 0 0
"secret-rotation" 0 0
"allowlist" 1 0
"local-denylist" 0 0
"not-before" 0 0
"per-user-secret" 0 0
"refresh-rotation-grace" 0 0
"refresh-rotation-replay" 0 0
"refresh-rotation-lazy" 0 0
"hybrid-freshness" 0.03925 0
"hybrid-freshness-0s" 1 0
"hybrid-freshness-3s" 0.01 0
EOD
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set yrange [0:1.25]
set ylabel "store operations per GET /api/resource"
set xtics rotate by 35 right nomirror
plot $ops using 2:xtic(1) title "Redis" lc rgb "#c8453b", $ops using 3 title "PostgreSQL" lc rgb "#336791"
