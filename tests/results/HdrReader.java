// revbench's HdrHistogram output read by HdrHistogram's own Java
// implementation (Debian's libhdrhistogram-java), for
// hdrhistogram_interop_test.py. One JSON object a line:
//   hlog FILE      per tag, its intervals merged: how many, their first and
//                  last start (ms since the epoch) and the merged histogram
//   payloads       per line of standard input (NAME<TAB>BASE64), the payload
//                  decoded by Histogram.decodeFromCompressedByteBuffer
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

public class HdrReader {
  static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static String figures(AbstractHistogram h) {
    return String.format(Locale.ROOT,
        "\"count\": %d, \"p50\": %d, \"p90\": %d, \"p99\": %d, \"p99_9\": %d, \"max\": %d, \"min\": %d, "
            + "\"significant_digits\": %d, \"lowest\": %d",
        h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
        h.getValueAtPercentile(99.9), h.getMaxValue(), h.getMinValue(), h.getNumberOfSignificantValueDigits(),
        h.getLowestDiscernibleValue());
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("hlog")) {
      HistogramLogReader reader = new HistogramLogReader(args[1]);
      Map<String, Histogram> merged = new TreeMap<>();
      Map<String, long[]> spans = new TreeMap<>();  // intervals, first start, last start
      EncodableHistogram next;
      while ((next = reader.nextIntervalHistogram()) != null) {
        Histogram interval = (Histogram) next;
        String tag = interval.getTag() == null ? "" : interval.getTag();
        merged.computeIfAbsent(tag, t -> new Histogram(1, 60_000_000_000L, 2)).add(interval);
        long[] span = spans.computeIfAbsent(tag, t -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
        span[0]++;
        span[1] = Math.min(span[1], interval.getStartTimeStamp());
        span[2] = Math.max(span[2], interval.getStartTimeStamp());
      }
      reader.close();
      for (Map.Entry<String, Histogram> e : merged.entrySet()) {
        long[] span = spans.get(e.getKey());
        System.out.println(String.format(Locale.ROOT, "{\"tag\": %s, \"intervals\": %d, \"first_ms\": %d, \"last_ms\": %d, %s}",
            quoted(e.getKey()), span[0], span[1], span[2], figures(e.getValue())));
      }
    } else if (args.length == 1 && args[0].equals("payloads")) {
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
      String line;
      while ((line = in.readLine()) != null) {
        String[] fields = line.split("\t", 2);
        byte[] bytes = Base64.getDecoder().decode(fields[1]);
        Histogram h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        System.out.println(String.format(Locale.ROOT, "{\"name\": %s, %s}", quoted(fields[0]), figures(h)));
      }
    } else {
      System.err.println("usage: HdrReader hlog FILE | HdrReader payloads < NAME<TAB>BASE64 lines");
      System.exit(2);
    }
  }
}
