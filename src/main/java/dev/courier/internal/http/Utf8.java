package dev.courier.internal.http;

import io.vertx.core.buffer.Buffer;

/**
 * Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. Jackson decodes an overlong
 * {@code C0 AF} as {@code /} without complaint, so a body could carry characters a byte-level filter in front never
 * saw; a JSON body is checked here first.
 */
final class Utf8 {

  private Utf8() {
  }

  static boolean wellFormed(Buffer bytes) {
    int n = bytes.length();
    int i = 0;
    while (i < n) {
      int b = bytes.getByte(i) & 0xFF;
      if (b < 0x80) {
        i++;
        continue;
      }
      int extra;
      int min2 = 0x80;
      int max2 = 0xBF;
      if (b >= 0xC2 && b <= 0xDF) {
        extra = 1;
      } else if (b >= 0xE0 && b <= 0xEF) {
        extra = 2;
        if (b == 0xE0) {
          min2 = 0xA0; // below: overlong
        } else if (b == 0xED) {
          max2 = 0x9F; // above: surrogates
        }
      } else if (b >= 0xF0 && b <= 0xF4) {
        extra = 3;
        if (b == 0xF0) {
          min2 = 0x90; // below: overlong
        } else if (b == 0xF4) {
          max2 = 0x8F; // above: beyond U+10FFFF
        }
      } else {
        return false; // C0, C1 (overlong), F5..FF, or a stray continuation byte
      }
      if (i + extra >= n) { // truncated sequence
        return false;
      }
      int second = bytes.getByte(i + 1) & 0xFF;
      if (second < min2 || second > max2) {
        return false;
      }
      for (int k = 2; k <= extra; k++) {
        int c = bytes.getByte(i + k) & 0xFF;
        if (c < 0x80 || c > 0xBF) {
          return false;
        }
      }
      i += extra + 1;
    }
    return true;
  }
}
