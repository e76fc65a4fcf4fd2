package dev.courier.internal.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM's meters (memory, GC, threads, classes, JIT, CPU, uptime) for a registry that Vert.x does not feed: the
 * same binders {@code MicrometerMetricsOptions.setJvmMetricsEnabled} binds, so a node shows the same JVM metrics
 * whoever made its Vert.x.
 */
final class JvmMeters {

  private JvmMeters() {
  }

  /** @return what must be closed with the registry (the GC and heap-pressure binders listen to the JVM) */
  static List<AutoCloseable> bind(MeterRegistry registry) {
    List<MeterBinder> binders = List.of(new ClassLoaderMetrics(), new JvmCompilationMetrics(), new JvmGcMetrics(),
      new JvmHeapPressureMetrics(), new JvmInfoMetrics(), new JvmMemoryMetrics(), new JvmThreadMetrics(),
      new ProcessorMetrics(), new UptimeMetrics());
    List<AutoCloseable> closeable = new ArrayList<>();
    for (MeterBinder binder : binders) {
      binder.bindTo(registry);
      if (binder instanceof AutoCloseable c) {
        closeable.add(c);
      }
    }
    return closeable;
  }
}
