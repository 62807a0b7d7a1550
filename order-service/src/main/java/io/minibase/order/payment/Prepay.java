package io.minibase.order.payment;

import java.util.Map;

/**
 * The provider's answer: its prepay id, and the parameters of {@code wx.requestPayment}
 * ({@code timeStamp}, {@code nonceStr}, {@code package}, {@code signType},
 * {@code paySign}).
 */
public record Prepay(String prepayId, Map<String, String> clientParameters) {
}
