package io.minibase.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.minibase.localservers.LocalInfra;

/**
 * Points a Spring test at real servers found or started by {@link LocalInfra#forTests()}:
 * sets {@code DB_*}, {@code REDIS_*} and {@code KAFKA_BOOTSTRAP_SERVERS} as the services'
 * configuration reads them. The schema is {@code <database>_it} (see
 * {@link TestNamespace}), emptied once per test JVM, so a test run never touches the
 * local stack's data.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface UseLocalInfra {

	/** The service's schema (e.g. {@code catalog}); empty for none. */
	String database() default "";

	/** Whether the test needs Redis. */
	boolean redis() default false;

	/** Whether the test needs Kafka. */
	boolean kafka() default false;

}
