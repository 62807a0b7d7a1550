package io.minibase.catalog;

import java.util.concurrent.ThreadLocalRandom;
import java.net.http.HttpResponse;

import io.minibase.testsupport.RunningServiceChecks;
import io.minibase.testsupport.UseLocalInfra;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@UseLocalInfra(database = "catalog", redis = true, kafka = true)
class CatalogApplicationIT extends RunningServiceChecks {

	@Test
	void categoriesAreServedFromItsOwnMigratedSchema() throws Exception {
		HttpResponse<String> response = get("/api/catalog/categories");
		assertThat(response.statusCode()).isEqualTo(200);
		// other integration tests of this JVM add categories to the same test schema
		assertThat(response.body()).startsWith("[").endsWith("]");
	}

	@Override
	protected SqlRequest sqlRequest() {
		// an id never asked for before: not in the cache, so read from MySQL
		long id = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
		return new SqlRequest(request("/api/catalog/products/" + id).GET(), "ProductMapper.findById");
	}

}
