package dev.dapple.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The test-side exposition reader accepts what Prometheus accepts and names what it rejects. */
class PrometheusTextTest {

    private static final String HISTOGRAM = """
            # HELP d_seconds Duration\\nof runs
            # TYPE d_seconds histogram
            d_seconds_bucket{j="a",le="0.1"} 1
            d_seconds_bucket{j="a",le="1.0"} 3
            d_seconds_bucket{j="a",le="+Inf"} 4
            d_seconds_count{j="a"} 4
            d_seconds_sum{j="a"} 7.5
            """;

    @Test
    void readsFamiliesSamplesAndEscapes() {
        PrometheusText text = PrometheusText.parse(HISTOGRAM + """
                # TYPE runs_total counter
                runs_total{j="a \\"quoted\\" \\\\ x",o="UP",} 2.0 1700000000000
                # a comment
                untyped_thing NaN

                """);
        assertEquals("histogram", text.families().get("d_seconds").type());
        assertEquals("Duration\nof runs", text.families().get("d_seconds").help());
        assertEquals(3.0, text.value("d_seconds_bucket", "j", "a", "le", "1.0"));
        assertEquals(Map.of("j", "a \"quoted\" \\ x", "o", "UP"), text.samples("runs_total").getFirst().labels());
        assertTrue(text.value("untyped_thing").isNaN());
        assertEquals("untyped", text.families().get("untyped_thing").type());
    }

    // Quoted with ~ where a case starts with '#', which CsvSource would take for a comment line.
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            x{a="1"} 1\\nx{a="1"} 2\\n                                   | the same series twice
            x 1\\ny 1\\nx 2\\n                                            | sample of x outside its group
            x 1\\n# TYPE x gauge\\n                                      | metadata after the samples of x
            ~# TYPE x gauge\\n# TYPE x counter\\n~ | second TYPE
            ~# TYPE x thing\\n~ | bad type
            1x 1\\n                                                      | bad metric name
            x{1a="1"} 1\\n                                               | bad label name
            x{a=1} 1\\n                                                  | label value not quoted
            x{a="1} 1\\n                                                 | unterminated label value
            x{a="\\q"} 1\\n                                              | bad escape
            x{a="1" b="2"} 1\\n                                          | expected ',' or '}'
            x{a="1",a="2"} 1\\n                                          | label a twice
            x\\n                                                         | no value
            x one\\n                                                     | not a number
            x 1 2 3\\n                                                   | expected a value and an optional timestamp
            x 1 now\\n                                                   | bad timestamp
            x 1                                                          | must end with a line feed
            ~# TYPE h histogram\\nh_bucket{le="1"} 2\\nh_bucket{le="+Inf"} 1\\nh_count 1\\nh_sum 1\\n~ | not cumulative
            ~# TYPE h histogram\\nh_bucket{le="1"} 1\\nh_bucket{le="+Inf"} 2\\nh_count 3\\nh_sum 1\\n~ | is not _count
            ~# TYPE h histogram\\nh_bucket{le="1"} 1\\nh_count 1\\nh_sum 1\\n~ | +Inf bucket null
            ~# TYPE h histogram\\nh_bucket{le="+Inf"} 1\\nh_count 1\\n~ | no _sum
            """)
    void rejectsMalformedExpositions(String text, String error) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> PrometheusText.parse(text.strip().replace("\\n", "\n")));
        assertTrue(e.getMessage().contains(error), e.getMessage());
    }
}
