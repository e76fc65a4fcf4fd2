package dev.courier.internal.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Reads the PEM public key named by {@code auth.jwt.publicKeyFile} at start-up, so a missing file or a wrong key
 * type stops the node with one line instead of failing every request later.
 */
final class PublicKeyFile {

  private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String END = "-----END PUBLIC KEY-----";

  private PublicKeyFile() {
  }

  /** Returns the PEM text after checking it holds an X.509 public key of the algorithm's family. */
  static String read(Path file, JwtAlgorithm algorithm, String envSource) {
    String key = ConfigKeys.JWT_PUBLIC_KEY_FILE.name();
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw ConfigException.keyFileNotFound(key, envSource, file);
    }
    int begin = pem.indexOf(BEGIN);
    int end = pem.indexOf(END);
    if (begin < 0 || end < begin) {
      throw ConfigException.badValue(key, envSource, "must be a PEM file with a " + BEGIN + " block",
        "file '" + file + "'");
    }
    String family = algorithm == JwtAlgorithm.ES256 ? "EC" : "RSA";
    try {
      byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
      KeyFactory.getInstance(family).generatePublic(new X509EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw ConfigException.badValue(key, envSource,
        "must hold an " + family + " public key for " + algorithm, "file '" + file + "'");
    }
    return pem.substring(begin, end + END.length()) + "\n";
  }
}
