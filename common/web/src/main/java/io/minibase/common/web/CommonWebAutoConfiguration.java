package io.minibase.common.web;

import com.zaxxer.hikari.HikariDataSource;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;

import org.mybatis.spring.boot.autoconfigure.ConfigurationCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Problem+json errors and the {@code X-Trace-Id} header for every Spring MVC service that
 * puts {@code common-web} on its classpath.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class, after = MicrometerTracingAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
public class CommonWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TraceIds traceIds(ObjectProvider<Tracer> tracer) {
		return new TraceIds(tracer.getIfAvailable(() -> Tracer.NOOP));
	}

	@Bean
	FilterRegistrationBean<TraceIdFilter> traceIdFilter(TraceIds traceIds) {
		FilterRegistrationBean<TraceIdFilter> registration = new FilterRegistrationBean<>(new TraceIdFilter(traceIds));
		// after the server observation filter (which opens the span), before everything
		// else
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	/**
	 * JDBC observations only inside another one (a request, a consumed event, a relay
	 * send): background polling, such as the outbox relay's every 200 ms, would otherwise
	 * start a trace of its own per query and bury the real ones in Jaeger.
	 */
	@Bean
	ObservationPredicate jdbcOnlyWithinAnotherObservation(ObjectProvider<ObservationRegistry> registry) {
		return (name, context) -> !name.startsWith("jdbc.") || registry.getObject().getCurrentObservation() != null;
	}

	@Bean
	ProblemDetailsAdvice problemDetailsAdvice(TraceIds traceIds) {
		return new ProblemDetailsAdvice(traceIds);
	}

	@Bean
	ProblemErrorController problemErrorController(TraceIds traceIds) {
		return new ProblemErrorController(traceIds);
	}

	/**
	 * A service's pool fails at once while the database is away, instead of making every
	 * caller wait its connection timeout ({@link FailFastDataSource}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "com.zaxxer.hikari.HikariDataSource")
	static class DatabaseWhileDown {

		@Bean
		static BeanPostProcessor failFastWhileTheDatabaseIsAway() {
			return new FailFastPools();
		}

		/**
		 * First of the post-processors: whatever else wraps the data source sees the
		 * fail-fast one.
		 */
		static final class FailFastPools implements BeanPostProcessor, PriorityOrdered {

			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				return (bean instanceof HikariDataSource pool) ? new FailFastDataSource(pool) : bean;
			}

			@Override
			public int getOrder() {
				return Ordered.HIGHEST_PRECEDENCE;
			}

		}

	}

	/**
	 * MyBatis, where a service has it: a span and a timer per statement
	 * ({@link SqlStatementObservations}) and row constructors looked up once
	 * ({@link AccessibleConstructors}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.apache.ibatis.plugin.Interceptor",
			"org.mybatis.spring.boot.autoconfigure.ConfigurationCustomizer" })
	static class MyBatisDefaults {

		@Bean
		SqlStatementObservations sqlStatementObservations(ObjectProvider<ObservationRegistry> registry) {
			return new SqlStatementObservations(registry);
		}

		@Bean
		ConfigurationCustomizer accessibleConstructors() {
			return (configuration) -> configuration.setObjectFactory(new AccessibleConstructors());
		}

	}

	/**
	 * A bound on the API requests a service works on at once ({@link RequestAdmission}),
	 * where the service sets {@code minibase.admission.max-concurrent-requests}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.github.resilience4j.bulkhead.Bulkhead")
	@ConditionalOnProperty(prefix = "minibase.admission", name = "max-concurrent-requests")
	@EnableConfigurationProperties(AdmissionProperties.class)
	static class Admission {

		@Bean
		BulkheadRegistry requestAdmissionBulkheads() {
			return BulkheadRegistry.ofDefaults();
		}

		@Bean
		RequestAdmission requestAdmission(AdmissionProperties properties, BulkheadRegistry bulkheads) {
			return new RequestAdmission(bulkheads.bulkhead(RequestAdmission.NAME,
					RequestAdmission.config(properties.maxConcurrentRequests(), properties.maxWait())));
		}

		@Bean
		WebMvcConfigurer requestAdmissionInterceptor(RequestAdmission admission, AdmissionProperties properties) {
			return new WebMvcConfigurer() {
				@Override
				public void addInterceptors(InterceptorRegistry registry) {
					registry.addInterceptor(admission)
						.addPathPatterns(properties.paths())
						.excludePathPatterns(properties.excludedPaths());
				}
			};
		}

		/**
		 * {@code resilience4j.bulkhead.*{name="requests"}}: permits free, and the bound.
		 */
		@Bean
		@ConditionalOnClass(name = "io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics")
		MeterBinder requestAdmissionMetrics(BulkheadRegistry bulkheads) {
			return TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads);
		}

	}

	/**
	 * A service's Redis client fails a command at once while it is disconnected, instead
	 * of queueing it until the command timeout: a request that needs Redis (a login
	 * storing its session key, an upload counting its rate) is a 503 in microseconds
	 * while Redis is down, not after seconds; Lettuce reconnects in the background.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.lettuce.core.ClientOptions",
			"org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer" })
	static class RedisWhileDown {

		@Bean
		LettuceClientOptionsBuilderCustomizer rejectRedisCommandsWhileDisconnected() {
			return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
		}

	}

}
