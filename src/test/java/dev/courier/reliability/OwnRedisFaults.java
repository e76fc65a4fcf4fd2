package dev.courier.reliability;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a fault test that starts its own Redis processes shares: a folder for their files and the node's, and the
 * redis-cli that {@link RedisProcess} talks to them with (skipped, saying why, without it).
 */
abstract class OwnRedisFaults {

  @TempDir
  Path dir;

  @BeforeEach
  void needsRedisCli() {
    assumeTrue(RedisProcess.cliAvailable(), "redis-cli is not installed (RedisProcess talks to its servers with it)");
  }
}
