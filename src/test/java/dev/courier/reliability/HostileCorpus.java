package dev.courier.reliability;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.courier.reliability.RawHttp.request;

/**
 * Hostile requests to {@code POST /v1/emails} of an {@link OutboxTaskService} node, by name: request smuggling
 * (conflicting Content-Length and Transfer-Encoding), malformed framing, header and URI floods, and bodies that are
 * huge, deeply nested, invalid UTF-8 or otherwise not the JSON the contract asks for. Each is sent with a valid
 * token, so the input itself is what is tested.
 */
public final class HostileCorpus {

  private HostileCorpus() {
  }

  public static Map<String, byte[]> framing(String bearer) {
    String post = "POST /v1/emails HTTP/1.1\nHost: x\nAuthorization: " + bearer + "\nContent-Type: application/json";
    String smuggled = "GET /admin/api/queues HTTP/1.1\r\nHost: x\r\n\r\n";
    Map<String, byte[]> c = new LinkedHashMap<>();
    c.put("CL.TE conflict, smuggled GET", request(post + "\nContent-Length: 6\nTransfer-Encoding: chunked",
      bytes("0\r\n\r\n" + smuggled)));
    c.put("TE.CL conflict", request(post + "\nTransfer-Encoding: chunked\nContent-Length: 3",
      bytes("8\r\n{\"to\":1}\r\n0\r\n\r\n" + smuggled)));
    c.put("two Content-Lengths", request(post + "\nContent-Length: 2\nContent-Length: 12", bytes("{}{\"to\":\"a\"}")));
    c.put("Content-Length list", request(post + "\nContent-Length: 10, 12", bytes("{\"to\":\"a\"}")));
    c.put("negative Content-Length", request(post + "\nContent-Length: -1", bytes("{}")));
    c.put("Content-Length beyond long", request(post + "\nContent-Length: 99999999999999999999999", bytes("{}")));
    c.put("obfuscated TE (xchunked)", request(post + "\nTransfer-Encoding: xchunked\nContent-Length: 12",
      bytes("{\"to\":\"a\"}\r\n")));
    c.put("TE with space before colon", request(post + "\nTransfer-Encoding : chunked\nContent-Length: 12",
      bytes("{\"to\":\"a\"}\r\n")));
    c.put("TE chunked then identity", request(post + "\nTransfer-Encoding: chunked\nTransfer-Encoding: identity",
      bytes("a\r\n{\"to\":\"a\"}\r\n0\r\n\r\n")));
    c.put("chunk size not hex", request(post + "\nTransfer-Encoding: chunked", bytes("zz\r\n{}\r\n0\r\n\r\n")));
    c.put("chunk size overflow", request(post + "\nTransfer-Encoding: chunked",
      bytes("ffffffffffffffffff\r\n{}\r\n0\r\n\r\n")));
    c.put("bare LF line ends", bytes("POST /v1/emails HTTP/1.1\nHost: x\nAuthorization: " + bearer
      + "\nContent-Type: application/json\nContent-Length: 10\n\n{\"to\":\"a\"}"));
    c.put("NUL in a header", request(post + "\nX-Evil: a\0b\nContent-Length: 10", bytes("{\"to\":\"a\"}")));
    c.put("header line folding", request(post + "\nX-Fold: a\n b\nContent-Length: 10", bytes("{\"to\":\"a\"}")));
    c.put("5000 headers", request(post + "\nContent-Length: 10" + "\nX-F: v".repeat(5000), bytes("{\"to\":\"a\"}")));
    c.put("one 200 KB header", request(post + "\nX-Big: " + "a".repeat(200_000) + "\nContent-Length: 10",
      bytes("{\"to\":\"a\"}")));
    c.put("100 KB URI", request("GET /" + "a".repeat(100_000) + " HTTP/1.1\nHost: x", new byte[0]));
    c.put("HTTP/0.9 request", bytes("GET /\r\n"));
    c.put("unknown HTTP version", request("GET /health/live HTTP/9.9\nHost: x", new byte[0]));
    c.put("unknown method", request("BREW /v1/emails HTTP/1.1\nHost: x", new byte[0]));
    c.put("binary garbage", garbage());
    return c;
  }

  public static Map<String, byte[]> bodies(String bearer) {
    Map<String, byte[]> c = new LinkedHashMap<>();
    c.put("arrays nested 2000 deep", json(bearer, bytes("[".repeat(2000) + "]".repeat(2000))));
    c.put("objects nested 500 deep", json(bearer, bytes("{\"to\":".repeat(500) + "1" + "}".repeat(500))));
    c.put("10 MB body", json(bearer, bytes("{\"to\":\"" + "a".repeat(10_000_000) + "\"}")));
    c.put("10 MB body, chunked", request("POST /v1/emails HTTP/1.1\nHost: x\nAuthorization: " + bearer
      + "\nContent-Type: application/json\nTransfer-Encoding: chunked", chunked(10_000_000)));
    c.put("invalid UTF-8", json(bearer, new byte[] {'{', '"', 't', 'o', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'}));
    c.put("overlong UTF-8", json(bearer, new byte[] {'{', '"', 't', 'o', '"', ':', '"', (byte) 0xC0, (byte) 0xAF,
      '"', '}'}));
    c.put("lone surrogate escape", json(bearer, bytes("{\"to\":\"\\ud800\"}")));
    c.put("NUL escape", json(bearer, bytes("{\"to\":\"a\\u0000b\"}")));
    c.put("number 1e99999999", json(bearer, bytes("{\"to\":1e99999999}")));
    c.put("3000-digit number", json(bearer, bytes("{\"to\":" + "9".repeat(3000) + "}")));
    c.put("duplicate keys", json(bearer, bytes("{\"to\":\"a\",\"to\":\"b\"}")));
    c.put("trailing garbage", json(bearer, bytes("{\"to\":\"a\"}xyz")));
    c.put("truncated", json(bearer, bytes("{\"to\":")));
    c.put("empty", json(bearer, new byte[0]));
    c.put("null", json(bearer, bytes("null")));
    c.put("array", json(bearer, bytes("[]")));
    c.put("operator object", json(bearer, bytes("{\"to\":{\"$ne\":1}}")));
    c.put("unknown property", json(bearer, bytes("{\"to\":\"a\",\"__proto__\":{\"admin\":true}}")));
    c.put("BOM first", json(bearer, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '"', 't', 'o', '"', ':',
      '"', 'a', '"', '}'}));
    c.put("UTF-16 body", raw(bearer, "application/json; charset=utf-16",
      "{\"to\":\"a\"}".getBytes(StandardCharsets.UTF_16)));
    c.put("text/plain body", raw(bearer, "text/plain", bytes("{\"to\":\"a\"}")));
    c.put("100000 keys", json(bearer, bytes("{" + "\"k\":1,".repeat(100_000) + "\"to\":\"a\"}")));
    return c;
  }

  static byte[] json(String bearer, byte[] body) {
    return raw(bearer, "application/json", body);
  }

  static byte[] raw(String bearer, String contentType, byte[] body) {
    return request("POST /v1/emails HTTP/1.1\nHost: x\nAuthorization: " + bearer + "\nContent-Type: " + contentType
      + "\nContent-Length: " + body.length + "\nConnection: close", body);
  }

  private static byte[] chunked(int size) {
    StringBuilder b = new StringBuilder();
    String chunk = "a".repeat(65_536);
    for (int sent = 0; sent < size; sent += chunk.length()) {
      b.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
    }
    return bytes(b.append("0\r\n\r\n").toString());
  }

  private static byte[] garbage() {
    byte[] b = new byte[4096];
    new java.util.Random(42).nextBytes(b);
    return b;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
