package io.minibase.common.web;

import java.sql.SQLTransientConnectionException;

import io.lettuce.core.RedisCommandTimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are a dependency that is down (503) rather than a bug (500). */
class UnavailableDependencyTest {

	@Test
	void noDatabaseConnectionInTimeIsTheDatabase() {
		assertThat(ProblemDetailsAdvice.unavailableDependency(
				new CannotGetJdbcConnectionException("pool", new SQLTransientConnectionException("timeout"))))
			.isEqualTo("database");
	}

	@Test
	void redisNotConnectedOrNotAnsweringIsTheCache() {
		assertThat(ProblemDetailsAdvice.unavailableDependency(new RedisConnectionFailureException("refused")))
			.isEqualTo("cache");
		assertThat(ProblemDetailsAdvice.unavailableDependency(new IllegalStateException("wrapped",
				new RedisSystemException("rejected", new io.lettuce.core.RedisException("not connected")))))
			.isEqualTo("cache");
		assertThat(ProblemDetailsAdvice.unavailableDependency(new RedisCommandTimeoutException("slow")))
			.isEqualTo("cache");
	}

	@Test
	void aBrokerThatDoesNotAnswerIsTheMessageBroker() {
		assertThat(ProblemDetailsAdvice.unavailableDependency(
				new org.apache.kafka.common.errors.TimeoutException("Timeout expired while fetching topic metadata")))
			.isEqualTo("message broker");
	}

	@Test
	void anythingElseIsNotADependency() {
		assertThat(ProblemDetailsAdvice.unavailableDependency(new IllegalStateException("a bug"))).isNull();
	}

}
