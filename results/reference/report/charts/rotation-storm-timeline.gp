set terminal svg size 900,760 font "DejaVu Sans,12" noenhanced background rgb "white"
set encoding utf8
set grid lc rgb "#dde1e8"
set border lc rgb "#5b6270"
set key outside right top
$t0 << EOD
0 390 1.95932 60
1 2033 5.78996 0
2 2090 0.960887 0
3 2071 3.80667 0
4 2120 1.91997 12
5 1328 0.336601 0
EOD
$t1 << EOD
0 390 2.36545 60
1 1809 2.69807 0
2 1878 2.11949 0
3 1921 2.38797 0
4 1899 1.62303 12
5 1097 0.638852 0
EOD
$t2 << EOD
0 390 2.08949 60
1 1843 2.0235 0
2 1830 2.2252 0
3 1768 3.09438 0
4 1836 2.48425 12
5 994 0.788007 0
EOD
$t3 << EOD
0 390 4.3239 60
1 2087 1.35346 0
2 2068 1.14419 0
3 2078 2.70107 0
4 2074 2.80551 0
5 1116 0.31835 0
EOD
$t4 << EOD
0 390 2.78403 60
1 2094 4.62982 0
2 1414 4.20007 60
3 600 3.58226 0
4 600 1.43372 0
EOD
set multiplot layout 3,1
set xrange [0:*]
set lmargin 10
set rmargin 28
set ylabel "requests/s"
plot $t0 using 1:2 with linespoints lw 2 pt 7 ps 0.5 title "short-ttl", $t1 using 1:2 with linespoints lw 2 pt 7 ps 0.5 title "redis-denylist", $t2 using 1:2 with linespoints lw 2 pt 7 ps 0.5 title "pg-token-version", $t3 using 1:2 with linespoints lw 2 pt 7 ps 0.5 title "refresh-rotation", $t4 using 1:2 with linespoints lw 2 pt 7 ps 0.5 title "secret-rotation"
set ylabel "max latency (ms)"
plot $t0 using 1:3 with linespoints lw 2 pt 7 ps 0.5 title "short-ttl", $t1 using 1:3 with linespoints lw 2 pt 7 ps 0.5 title "redis-denylist", $t2 using 1:3 with linespoints lw 2 pt 7 ps 0.5 title "pg-token-version", $t3 using 1:3 with linespoints lw 2 pt 7 ps 0.5 title "refresh-rotation", $t4 using 1:3 with linespoints lw 2 pt 7 ps 0.5 title "secret-rotation"
set xlabel "second of the run"
set ylabel "logins/s"
plot $t0 using 1:4 with linespoints lw 2 pt 7 ps 0.5 title "short-ttl", $t1 using 1:4 with linespoints lw 2 pt 7 ps 0.5 title "redis-denylist", $t2 using 1:4 with linespoints lw 2 pt 7 ps 0.5 title "pg-token-version", $t3 using 1:4 with linespoints lw 2 pt 7 ps 0.5 title "refresh-rotation", $t4 using 1:4 with linespoints lw 2 pt 7 ps 0.5 title "secret-rotation"
unset multiplot
