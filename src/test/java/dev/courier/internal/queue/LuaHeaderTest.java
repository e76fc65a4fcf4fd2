package dev.courier.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every script opens with its purpose, documents each KEYS[i] and ARGV[i] it uses, and its return values. */
class LuaHeaderTest {

  private static final Pattern USE = Pattern.compile("(KEYS|ARGV)\\[(\\d+)]");

  @Test
  void every_script_documents_its_keys_args_and_returns() {
    for (QueueScript s : QueueScript.values()) {
      String src = s.source();
      String header = src.lines().takeWhile(l -> l.startsWith("--")).reduce("", (a, b) -> a + b + "\n");
      assertThat(header).as(s.transition()).startsWith("-- " + s.transition() + ": ").contains("-- Returns");
      for (int i = 1; i <= s.numKeys(); i++) {
        assertThat(header).as(s.transition()).contains("-- KEYS[" + i + "] ");
      }
      assertThat(header).as(s.transition() + " declares no more keys than its file name")
          .doesNotContain("-- KEYS[" + (s.numKeys() + 1) + "]");
      Matcher m = USE.matcher(src.substring(header.length()));
      while (m.find()) {
        assertThat(header).as(s.transition() + " documents " + m.group()).contains("-- " + m.group() + " ");
      }
      assertThat(src).as(s.transition() + " has every include spliced").doesNotContain("--@include");
    }
  }
}
