package dev.courier.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearestKeyTest {

  private static final List<String> KNOWN = List.of("http.port", "http.host", "tasks.concurrency",
    "auth.jwt.leewaySeconds", "redis.url");

  @Test
  void typos_other_cases_and_names_cut_short_find_their_key() {
    assertThat(NearestKey.to("http.prot", KNOWN)).isEqualTo("http.port");
    assertThat(NearestKey.to("HTTP.PORT", KNOWN)).isEqualTo("http.port");
    assertThat(NearestKey.to("tasks.concurency", KNOWN)).isEqualTo("tasks.concurrency");
    assertThat(NearestKey.to("auth.jwt.leeway", KNOWN)).isEqualTo("auth.jwt.leewaySeconds");
  }

  @Test
  void nothing_is_suggested_when_nothing_is_close() {
    assertThat(NearestKey.to("metrics", KNOWN)).isNull();
    assertThat(NearestKey.to("database.url", KNOWN)).isNull();
    assertThat(NearestKey.to("HOME", List.of("ROLE", "HTTP_PORT"))).isNull();
  }

  @Test
  void distance_counts_single_character_edits() {
    assertThat(NearestKey.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(NearestKey.distance("", "abc")).isEqualTo(3);
    assertThat(NearestKey.distance("same", "same")).isZero();
    assertThat(NearestKey.distance("prot", "port")).as("a swap of neighbours is one edit").isEqualTo(1);
  }
}
