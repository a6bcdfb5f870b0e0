package org.openahi.server.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.openahi.store.jdbc.PoolUsage;

/** The database connection pools, by pool: connections open and in use, transactions waiting, waits and their time. */
public final class DatabaseMetrics {
    private DatabaseMetrics() {}

    public static void register(Metrics metrics, Supplier<List<PoolUsage>> pools) {
        gauge(metrics, pools, "openahi_db_pool_open_connections", "Connections the pool holds open", PoolUsage::open);
        gauge(metrics, pools, "openahi_db_pool_busy_connections", "Connections in a transaction", PoolUsage::busy);
        gauge(
                metrics,
                pools,
                "openahi_db_pool_waiting_transactions",
                "Transactions waiting for a connection now",
                PoolUsage::waiting);
        CounterWithCallback.builder()
                .name("openahi_db_pool_waits_total")
                .help("Transactions that waited for a connection")
                .labelNames("pool")
                .constLabels(metrics.node())
                .callback(callback -> pools.get().forEach(pool -> callback.call(pool.waits(), pool.pool())))
                .register(metrics.registry());
        CounterWithCallback.builder()
                .name("openahi_db_pool_wait_seconds_total")
                .help("Time transactions spent waiting for a connection")
                .labelNames("pool")
                .constLabels(metrics.node())
                .callback(callback -> pools.get().forEach(pool -> callback.call(pool.waitedSeconds(), pool.pool())))
                .register(metrics.registry());
    }

    private static void gauge(
            Metrics metrics,
            Supplier<List<PoolUsage>> pools,
            String name,
            String help,
            ToDoubleFunction<PoolUsage> value) {
        GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .labelNames("pool")
                .constLabels(metrics.node())
                .callback(
                        callback -> pools.get().forEach(pool -> callback.call(value.applyAsDouble(pool), pool.pool())))
                .register(metrics.registry());
    }
}
