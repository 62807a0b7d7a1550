package io.minibase.order.ordering;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The idempotency hash of a placement: stable across releases, sensitive to the body. */
class PlaceOrderHashTest {

	private final OrderService service = new OrderService(null, null, null, JsonMapper.builder().build(), null, null,
			null, null, null, null, null);

	@Test
	void aBodyWithoutAnAddressHashesAsBeforeAddressesExisted() throws Exception {
		PlaceOrder request = new PlaceOrder(List.of(new PlaceOrder.Line("7", 2)), " 加辣 ", null);

		// the canonical form before addressId was added, as keys stored then were hashed
		String before = "{\"items\":[{\"productId\":\"7\",\"quantity\":2}],\"remark\":\"加辣\"}";
		assertThat(this.service.hash(request)).isEqualTo(HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(before.getBytes(StandardCharsets.UTF_8))));
	}

	@Test
	void anOrderFromTheCartHashesApartFromOneWithLines() {
		assertThat(this.service.hash(new PlaceOrder(null, null, null, true)))
			.isNotEqualTo(this.service.hash(new PlaceOrder(List.of(new PlaceOrder.Line("7", 2)), null, null, true)))
			.isEqualTo(this.service.hash(new PlaceOrder(null, null, null, true)));
		assertThat(this.service.hash(new PlaceOrder(List.of(new PlaceOrder.Line("7", 2)), null, null, false)))
			.as("fromCart false is the same body as none")
			.isEqualTo(this.service.hash(new PlaceOrder(List.of(new PlaceOrder.Line("7", 2)), null, null)));
	}

	@Test
	void theAddressIsPartOfTheHash() {
		List<PlaceOrder.Line> items = List.of(new PlaceOrder.Line("7", 2));

		assertThat(this.service.hash(new PlaceOrder(items, null, "3")))
			.isNotEqualTo(this.service.hash(new PlaceOrder(items, null, "4")))
			.isNotEqualTo(this.service.hash(new PlaceOrder(items, null, null)));
	}

}
