package io.minibase.order.cart;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The cart changed while an order was being placed from it: 409, nothing was ordered and
 * the cart is as the other request left it.
 */
public class CartChanged extends ErrorResponseException {

	CartChanged() {
		super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"The cart changed while the order was being placed; nothing was ordered. Look at the cart and order again."),
				null);
	}

}
