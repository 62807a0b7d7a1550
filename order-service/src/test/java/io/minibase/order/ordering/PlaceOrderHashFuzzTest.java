package io.minibase.order.ordering;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Any placement body that passes its bean validation (the controller's {@code @Valid}) is
 * hashed for replay detection or refused with the 400 of an invalid order, never another
 * exception; and the same body hashes the same: sent again (through JSON, as a retry
 * arrives), built from other string instances, with its remark padded by blanks
 * ({@code remark} is stripped) or {@code fromCart: false} left out. A body with other
 * quantities hashes apart.
 */
class PlaceOrderHashFuzzTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final OrderService service = new OrderService(null, null, null, JSON, null, null, null, null, null,
			null, null);

	private static final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

	/** Ids that pass the pattern, few enough that two lines name the same one. */
	private static final String[] IDS = { "7", "8", "sku_7-a", "1" };

	@FuzzTest
	void anyValidBodyIsHashedOrAnInvalidOrderAndTheSameBodyHashesTheSame(FuzzedDataProvider data) {
		PlaceOrder request = request(data);
		Set<ConstraintViolation<PlaceOrder>> violations = validator.validate(request);
		if (!violations.isEmpty()) {
			// a 400 of the controller's, before the service sees it
			return;
		}

		String[] hash = new String[1];
		Throwable refused = catchThrowable(() -> hash[0] = service.checkedHash(request));
		if (refused != null) {
			assertThat(refused).isInstanceOf(InvalidOrder.class);
			assertThat(((InvalidOrder) refused).getStatusCode().value()).isEqualTo(400);
			return;
		}

		assertThat(hash[0]).matches("[0-9a-f]{64}");
		assertThat(service.checkedHash(request)).isEqualTo(hash[0]);
		assertThat(service.checkedHash(JSON.readValue(JSON.writeValueAsBytes(request), PlaceOrder.class)))
			.as("the same body sent again")
			.isEqualTo(hash[0]);
		assertThat(service.checkedHash(sameOrder(request))).as("the same order written otherwise").isEqualTo(hash[0]);
		if (request.items() != null && !request.items().isEmpty()) {
			List<PlaceOrder.Line> more = new ArrayList<>(request.items());
			PlaceOrder.Line first = more.get(0);
			more.set(0, new PlaceOrder.Line(first.productId(), first.quantity() % 999 + 1, first.skuId()));
			assertThat(service.checkedHash(request.withItems(more))).as("another quantity").isNotEqualTo(hash[0]);
		}
	}

	private static PlaceOrder request(FuzzedDataProvider data) {
		List<PlaceOrder.Line> items = null;
		if (data.consumeBoolean()) {
			items = new ArrayList<>();
			int lines = data.consumeInt(0, 6);
			for (int i = 0; i < lines; i++) {
				items.add(new PlaceOrder.Line(id(data), data.consumeBoolean() ? data.consumeInt(-2, 1001) : null,
						id(data)));
			}
		}
		String remark = data.consumeBoolean() ? data.consumeString(210) : null;
		String addressId = switch (data.consumeInt(0, 2)) {
			case 0 -> null;
			case 1 -> String.valueOf(data.consumeLong(1, Long.MAX_VALUE / 100));
			default -> data.consumeString(20);
		};
		Boolean fromCart = data.pickValue(new Boolean[] { null, Boolean.TRUE, Boolean.FALSE });
		return new PlaceOrder(items, remark, addressId, fromCart);
	}

	private static String id(FuzzedDataProvider data) {
		return switch (data.consumeInt(0, 2)) {
			case 0 -> null;
			case 1 -> data.pickValue(IDS);
			default -> data.consumeString(70);
		};
	}

	/**
	 * The same order from new strings and lists, the remark between blanks, and
	 * {@code fromCart: false} as no {@code fromCart} at all.
	 */
	private static PlaceOrder sameOrder(PlaceOrder request) {
		List<PlaceOrder.Line> items = (request.items() != null) ? request.items()
			.stream()
			.map((line) -> new PlaceOrder.Line(copy(line.productId()), line.quantity(), copy(line.skuId())))
			.toList() : null;
		String remark = (request.remark() != null) ? " \t" + request.remark() + "\n " : null;
		return new PlaceOrder(items, remark, copy(request.addressId()), request.fromTheCart() ? true : null);
	}

	private static String copy(String text) {
		return (text != null) ? new String(text.toCharArray()) : null;
	}

}
