package io.minibase.testsupport;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.minibase.localservers.LocalInfra;
import io.minibase.localservers.MariaDb;
import io.minibase.localservers.Redis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Applies {@link UseLocalInfra} to a Spring test context. */
class LocalInfraContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		UseLocalInfra annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, UseLocalInfra.class);
		return (annotation != null) ? new Customizer(annotation.database(), annotation.redis(), annotation.kafka())
				: null;
	}

	/** Equal for equal needs, so Spring's context cache shares contexts between tests. */
	record Customizer(String database, boolean redis, boolean kafka) implements ContextCustomizer {

		private static final Set<String> emptied = ConcurrentHashMap.newKeySet();

		/** The Redis database of integration tests (the end-to-end stack uses 2). */
		static final int TEST_REDIS_DATABASE = 1;

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			LocalInfra infra = LocalInfra.forTests();
			Map<String, Object> properties = new HashMap<>();
			if (!this.database.isEmpty()) {
				MariaDb db = infra.mariaDb();
				String schema = this.database + TestNamespace.current().schemaSuffix("_it");
				emptyOnce(db, schema);
				properties.put("DB_HOST", db.host());
				properties.put("DB_PORT", String.valueOf(db.port()));
				properties.put("DB_USER", db.user());
				properties.put("DB_PASSWORD", db.password());
				properties.put("DB_NAME", schema);
			}
			if (this.redis) {
				Redis redis = infra.redis();
				properties.put("REDIS_HOST", redis.host());
				properties.put("REDIS_PORT", String.valueOf(redis.port()));
				// a developer's stack on the same Redis uses database 0: tests keep their
				// keys (caches, sessions, rate buckets of user 1, ...) apart from it
				properties.put("REDIS_DATABASE",
						String.valueOf(TestNamespace.current().redisDatabase(TEST_REDIS_DATABASE)));
			}
			if (this.kafka) {
				properties.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafka().bootstrapServers());
			}
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("localInfra", properties));
		}

		private static void emptyOnce(MariaDb db, String schema) {
			if (!emptied.add(db.host() + ":" + db.port() + "/" + schema)) {
				return;
			}
			try {
				TestSchemas.recreate(db, schema);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Could not reset test schema " + schema + " on " + db, ex);
			}
		}

	}

}
