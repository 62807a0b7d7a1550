package io.minibase.catalog.product;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;

/** Counts the product-by-id queries that reach MySQL (a MyBatis plugin). */
@Intercepts({
		@Signature(type = Executor.class, method = "query",
				args = { MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class }),
		@Signature(type = Executor.class, method = "query", args = { MappedStatement.class, Object.class,
				RowBounds.class, ResultHandler.class, CacheKey.class, BoundSql.class }) })
class FindByIdCounter implements Interceptor {

	private final AtomicInteger count = new AtomicInteger();

	@Override
	public Object intercept(Invocation invocation) throws Throwable {
		MappedStatement statement = (MappedStatement) invocation.getArgs()[0];
		if (statement.getId().equals(ProductMapper.class.getName() + ".findById")) {
			this.count.incrementAndGet();
		}
		return invocation.proceed();
	}

	int count() {
		return this.count.get();
	}

	void reset() {
		this.count.set(0);
	}

}
