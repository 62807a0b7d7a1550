package io.minibase.gateway.security;

import io.minibase.gateway.security.AccessRules.Access;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** Every row of shared/api.md's "auth" column, as the gateway decides it. */
class AccessRulesTest {

	@ParameterizedTest(name = "{0} {1} needs {2}")
	@CsvSource({ "POST, /api/auth/wechat/login, PUBLIC", "POST, /api/auth/refresh, PUBLIC",
			"POST, /api/auth/logout, USER", "POST, /api/auth/logout/all, USER", "GET, /api/users/me, USER",
			"POST, /api/users/me/phone, USER", "GET, /api/users, USER", "POST, /api/admin/auth/login, PUBLIC",
			"GET, /api/admin, ADMIN", "GET, /api/admin/catalog/products, ADMIN",
			"POST, /api/admin/catalog/categories, ADMIN", "GET, /api/admin/auth/login/x, ADMIN",
			"POST, /api/orders, USER", "GET, /api/orders, USER", "GET, /api/orders/12, USER",
			"POST, /api/orders/12/pay, USER", "GET, /api/catalog/products/1, PUBLIC",
			"HEAD, /api/catalog/products/1, PUBLIC", "GET, /api/catalog/categories, PUBLIC",
			"GET, /api/files/7, PUBLIC", "GET, /api/files/7/thumbnail, PUBLIC", "POST, /api/files, USER",
			"POST, /api/files/7, USER", "DELETE, /api/files/7, USER", "PUT, /api/catalog/products/1, USER",
			"GET, /api/catalog, PUBLIC", "GET, /api/files, PUBLIC", "GET, /v3/api-docs/order, PUBLIC",
			"GET, /swagger-ui.html, PUBLIC", "GET, /api/nope, PUBLIC", "GET, /api/ordersx, PUBLIC",
			"GET, /api/admin-x, PUBLIC", "POST, /api/payments/wechat/notify, PUBLIC",
			"POST, /api/payments/wechat/refund-notify, PUBLIC", "POST, /api/wechat/push, PUBLIC",
			"GET, /api/wechat/push, PUBLIC", "GET, /api/admin/orders, ADMIN",
			"POST, /api/admin/orders/12/refund, ADMIN", "POST, /api/admin/orders/12/ship, ADMIN",
			"GET, /api/admin/after-sales, ADMIN", "POST, /api/admin/after-sales/3/approve, ADMIN",
			"POST, /api/orders/12/after-sales, USER", "POST, /api/orders/12/confirm-receipt, USER",
			"GET, /api/users/me/addresses, USER", "POST, /api/users/me/addresses, USER",
			"PUT, /api/users/me/addresses/3, USER", "DELETE, /api/users/me/addresses/3, USER", "GET, /api/cart, USER",
			"PUT, /api/cart/items/7, USER", "DELETE, /api/cart/items/7, USER", "GET, /api/cartx, PUBLIC" })
	void aRequestNeedsWhatItsRowSays(String method, String path, Access needed) {
		MockServerHttpRequest request = MockServerHttpRequest.method(HttpMethod.valueOf(method), path).build();

		assertThat(AccessRules.accessTo(request)).isEqualTo(needed);
	}

}
