package io.minibase.common.web;

import java.lang.reflect.InvocationTargetException;
import java.util.Properties;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Plugin;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;

/**
 * One observation per MyBatis statement: a client span named after the mapper method
 * ({@code OrderMapper.insert}) in the trace of the request or event that ran it, and a
 * timer {@code jdbc.statement} tagged with it.
 * <p>
 * It replaces datasource-micrometer, which put JDK proxies around every connection,
 * statement and parameter setter, and an observation around taking each connection: in a
 * profile of orders at 60 a second those proxies and their listeners were 13% of the
 * box's CPU, against 5% for the database driver's own work. A statement's id names its
 * SQL exactly (the mapper holds it), so the span says as much to an operator, for a
 * fraction of the cost. The pool's wait shows in Hikari's own metrics
 * ({@code hikaricp_connections_acquire_seconds}).
 * <p>
 * The name starts with {@code jdbc.}, so the predicate that keeps JDBC observations
 * within another one (CommonWebAutoConfiguration) applies: a background poll's statements
 * start no trace of their own.
 */
@Intercepts({ @Signature(type = Executor.class, method = "update", args = { MappedStatement.class, Object.class }),
		@Signature(type = Executor.class, method = "query",
				args = { MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class }),
		@Signature(type = Executor.class, method = "query", args = { MappedStatement.class, Object.class,
				RowBounds.class, ResultHandler.class, CacheKey.class, BoundSql.class }) })
final class SqlStatementObservations implements Interceptor {

	static final String NAME = "jdbc.statement";

	/** Looked up at the first statement: the registry is not ready when MyBatis is. */
	private final SingletonSupplier<ObservationRegistry> registry;

	SqlStatementObservations(ObjectProvider<ObservationRegistry> registry) {
		this.registry = SingletonSupplier.of(() -> registry.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	/**
	 * Only executors are wrapped. MyBatis offers every statement's parameter, result set
	 * and statement handlers to each interceptor too, and the default {@code Plugin.wrap}
	 * reads this class's annotations again each time to find it wants none of them (JFR:
	 * half a percent of the box at 60 orders a second).
	 */
	@Override
	public Object plugin(Object target) {
		return (target instanceof Executor) ? Plugin.wrap(target, this) : target;
	}

	@Override
	public Object intercept(Invocation invocation) throws Throwable {
		ObservationRegistry observations = this.registry.obtain();
		if (observations.isNoop()) {
			return invocation.proceed();
		}
		MappedStatement statement = (MappedStatement) invocation.getArgs()[0];
		String id = shortId(statement.getId());
		Observation observation = Observation.createNotStarted(NAME, Statement::new, observations)
			.contextualName(id)
			.lowCardinalityKeyValues(KeyValues.of("statement", id, "operation", statement.getSqlCommandType().name()));
		// no scope: nothing is observed inside a statement, and a scope costs
		// thread-local writes on both sides
		observation.start();
		try {
			return invocation.proceed();
		}
		catch (InvocationTargetException ex) {
			observation.error(ex.getCause());
			throw ex;
		}
		catch (Throwable ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	/**
	 * {@code io.minibase.order.ordering.OrderMapper.insert} as
	 * {@code OrderMapper.insert}.
	 */
	static String shortId(String id) {
		int method = id.lastIndexOf('.');
		int type = (method > 0) ? id.lastIndexOf('.', method - 1) : -1;
		return id.substring(type + 1);
	}

	@Override
	public void setProperties(Properties properties) {
	}

	/** A call to the database: a client span, to the remote service {@code mariadb}. */
	static final class Statement extends SenderContext<Object> {

		Statement() {
			super((carrier, key, value) -> {
			}, Kind.CLIENT);
			setRemoteServiceName("mariadb");
		}

	}

}
