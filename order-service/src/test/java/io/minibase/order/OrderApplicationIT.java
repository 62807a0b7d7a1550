package io.minibase.order;

import io.minibase.testsupport.TestTokens;
import io.minibase.order.ordering.StubbedWeChatPay;
import io.minibase.testsupport.RunningServiceChecks;
import io.minibase.testsupport.UseLocalInfra;
import org.junit.jupiter.api.AfterAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
@UseLocalInfra(database = "orders", redis = true, kafka = true)
class OrderApplicationIT extends RunningServiceChecks {

	/** order-service does not start without a WeChat Pay merchant: the stub's. */
	static final StubbedWeChatPay PAY = new StubbedWeChatPay();

	@DynamicPropertySource
	static void weChatPay(DynamicPropertyRegistry registry) {
		PAY.register(registry);
		// the test key stands in for auth-service's
		registry.add("minibase.tokens.jwk-set-uri", TestTokens::jwksUri);
	}

	@AfterAll
	static void stopWeChatPay() {
		PAY.close();
	}

	@Override
	protected SqlRequest sqlRequest() {
		return new SqlRequest(
				request("/api/orders/987654321").header("Authorization", "Bearer " + TestTokens.token("USER")).GET(),
				"OrderMapper.findOwned");
	}

}
