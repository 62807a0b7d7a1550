package io.minibase.order.address;

/**
 * Where an order goes: the parts of an address as they were when the order was placed (a
 * snapshot: changing or deleting the address later does not move the order).
 */
public record ShippingAddress(String name, String phone, String province, String city, String district, String detail) {
}
