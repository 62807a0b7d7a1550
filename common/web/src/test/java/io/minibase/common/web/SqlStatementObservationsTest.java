package io.minibase.common.web;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import org.apache.ibatis.builder.StaticSqlSource;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.executor.parameter.ParameterHandler;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.SqlCommandType;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.session.Configuration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlStatementObservationsTest {

	private final List<Observation.Context> started = new ArrayList<>();

	private final List<Observation.Context> stopped = new ArrayList<>();

	private final ObservationRegistry registry = ObservationRegistry.create();

	{
		this.registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStart(Observation.Context context) {
				SqlStatementObservationsTest.this.started.add(context);
			}

			@Override
			public void onStop(Observation.Context context) {
				SqlStatementObservationsTest.this.stopped.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}
		});
	}

	@Test
	void aStatementIsAClientObservationNamedAfterItsMapperMethod() throws Throwable {
		Object rows = observations(this.registry).intercept(invocation("io.minibase.order.ordering.OrderMapper.insert",
				SqlCommandType.INSERT, (method, args) -> 1));

		assertThat(rows).isEqualTo(1);
		assertThat(this.stopped).hasSize(1);
		Observation.Context context = this.stopped.getFirst();
		assertThat(context.getName()).isEqualTo("jdbc.statement");
		assertThat(context.getContextualName()).isEqualTo("OrderMapper.insert");
		assertThat(context.getLowCardinalityKeyValues()).contains(KeyValue.of("statement", "OrderMapper.insert"),
				KeyValue.of("operation", "INSERT"));
		assertThat(context).isInstanceOfSatisfying(SenderContext.class, (sender) -> {
			assertThat(sender.getKind()).isEqualTo(Kind.CLIENT);
			assertThat(sender.getRemoteServiceName()).isEqualTo("mariadb");
		});
		assertThat(context.getError()).isNull();
	}

	@Test
	void aFailedStatementRecordsTheDatabasesErrorAndStillStops() {
		SQLException refused = new SQLException("Deadlock found when trying to get lock", "40001");
		assertThatThrownBy(() -> observations(this.registry).intercept(
				invocation("io.minibase.catalog.stock.StockMapper.take", SqlCommandType.UPDATE, (method, args) -> {
					throw refused;
				})))
			.isInstanceOf(InvocationTargetException.class)
			.hasCause(refused);
		assertThat(this.stopped).singleElement()
			.satisfies((context) -> assertThat(context.getError()).isSameAs(refused));
	}

	@Test
	void withoutAnObservationRegistryTheStatementJustRuns() throws Throwable {
		SqlStatementObservations none = new SqlStatementObservations(
				new StaticListableBeanFactory().getBeanProvider(ObservationRegistry.class));
		assertThat(none.intercept(invocation("a.B.c", SqlCommandType.DELETE, (method, args) -> 3))).isEqualTo(3);
		assertThat(this.started).isEmpty();
	}

	@Test
	void onlyExecutorsAreWrapped() {
		SqlStatementObservations observations = observations(this.registry);
		Executor executor = (Executor) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { Executor.class }, (proxy, method, args) -> null);
		ParameterHandler parameters = (ParameterHandler) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { ParameterHandler.class }, (proxy, method, args) -> null);

		assertThat(observations.plugin(executor)).isNotSameAs(executor).isInstanceOf(Executor.class);
		assertThat(observations.plugin(parameters)).isSameAs(parameters);
	}

	@Test
	void idsLoseTheirPackageOnly() {
		assertThat(SqlStatementObservations.shortId("io.minibase.order.ordering.OrderMapper.insert"))
			.isEqualTo("OrderMapper.insert");
		assertThat(SqlStatementObservations.shortId("OrderMapper.insert")).isEqualTo("OrderMapper.insert");
		assertThat(SqlStatementObservations.shortId("insert")).isEqualTo("insert");
	}

	private static SqlStatementObservations observations(ObservationRegistry registry) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("observationRegistry", registry);
		return new SqlStatementObservations(beans.getBeanProvider(ObservationRegistry.class));
	}

	private static Invocation invocation(String id, SqlCommandType type, Answer answer) throws Exception {
		Configuration configuration = new Configuration();
		MappedStatement statement = new MappedStatement.Builder(configuration, id,
				new StaticSqlSource(configuration, "SELECT 1"), type)
			.build();
		Executor executor = (Executor) Proxy.newProxyInstance(Executor.class.getClassLoader(),
				new Class<?>[] { Executor.class }, (proxy, method, args) -> answer.answer(method, args));
		Method update = Executor.class.getMethod("update", MappedStatement.class, Object.class);
		return new Invocation(executor, update, new Object[] { statement, null });
	}

	@FunctionalInterface
	interface Answer {

		Object answer(Method method, Object[] args) throws Throwable;

	}

}
