package dev.courier.api;

import io.vertx.core.buffer.Buffer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers: a status and a model (a record of the contract's schema, written with the one JSON
 * mapping), or raw bytes with their content type for non-JSON answers.
 */
public final class Reply {

  private final int status;
  private final Object model;
  private final Buffer raw;
  private final String contentType;
  private final Map<String, String> headers = new LinkedHashMap<>();

  private Reply(int status, Object model, Buffer raw, String contentType) {
    this.status = status;
    this.model = model;
    this.raw = raw;
    this.contentType = contentType;
  }

  public static Reply ok(Object model) {
    return status(200, model);
  }

  public static Reply created(Object model) {
    return status(201, model);
  }

  public static Reply accepted(Object model) {
    return status(202, model);
  }

  public static Reply noContent() {
    return new Reply(204, null, null, null);
  }

  public static Reply status(int status, Object model) {
    return new Reply(status, model, null, "application/json");
  }

  /** A non-JSON answer (documents, assets); not validated against the contract. */
  public static Reply raw(int status, String contentType, Buffer body) {
    return new Reply(status, null, body, contentType);
  }

  /** Adds a response header. */
  public Reply header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  public Object model() {
    return model;
  }

  public Buffer raw() {
    return raw;
  }

  public String contentType() {
    return contentType;
  }

  public boolean isJson() {
    return raw == null && model != null;
  }

  public Map<String, String> headers() {
    return Map.copyOf(headers);
  }
}
