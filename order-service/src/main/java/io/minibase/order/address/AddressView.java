package io.minibase.order.address;

/** An address as the API shows it (api.md, Cart and addresses). */
record AddressView(String id, String name, String phone, String province, String city, String district, String detail,
		boolean isDefault) {

	static AddressView of(AddressMapper.AddressRow row, Long defaultId) {
		return new AddressView(String.valueOf(row.id()), row.name(), row.phone(), row.province(), row.city(),
				row.district(), row.detail(), defaultId != null && defaultId == row.id());
	}

}
