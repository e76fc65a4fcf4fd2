package dev.courier.internal.http;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Strict UTF-8: what Java's own encoder writes passes; overlong forms, surrogates and stray bytes do not. */
class Utf8Test {

  @Test
  void wellFormedTextPasses() {
    assertThat(Utf8.wellFormed(Buffer.buffer("{\"to\":\"a/é€😀\"}".getBytes(StandardCharsets.UTF_8)))).isTrue();
    assertThat(Utf8.wellFormed(Buffer.buffer())).isTrue();
  }

  @Test
  void malformedBytesFail() {
    int[][] bad = {
      {0xC0, 0xAF}, {0xC1, 0xBF}, {0xE0, 0x80, 0xAF}, {0xF0, 0x80, 0x80, 0xAF}, // overlong '/'
      {0xED, 0xA0, 0x80}, // a UTF-16 surrogate
      {0xF4, 0x90, 0x80, 0x80}, {0xF5, 0x80, 0x80, 0x80}, // beyond U+10FFFF
      {0xC3, 0x28}, {0x80}, {0xE2, 0x82}, {0xFF}};
    for (int[] ints : bad) {
      byte[] bytes = new byte[ints.length + 2];
      bytes[0] = 'a';
      for (int i = 0; i < ints.length; i++) {
        bytes[i + 1] = (byte) ints[i];
      }
      bytes[bytes.length - 1] = 'z';
      assertThat(Utf8.wellFormed(Buffer.buffer(bytes))).as(java.util.Arrays.toString(ints)).isFalse();
    }
    assertThat(Utf8.wellFormed(Buffer.buffer(new byte[] {'a', (byte) 0xE2, (byte) 0x82}))).as("truncated").isFalse();
  }
}
