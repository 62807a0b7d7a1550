package io.minibase.order.address;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST} and {@code PUT /api/users/me/addresses}: every part is
 * required (a PUT replaces the address); {@code isDefault} true makes it the default,
 * absent leaves that as it is. The parts are what {@code wx.chooseAddress} gives
 * (userName, telNumber, provinceName, cityName, countyName, detailInfo). A phone is a
 * mainland mobile number (11 digits) or a landline with its area code
 * ({@code 010-12345678}, an extension after a second dash).
 */
public record AddressForm(@NotBlank @Size(max = 32) String name, @NotBlank @Pattern(
		regexp = "1[3-9][0-9]{9}|0[0-9]{2,3}-[0-9]{7,8}(-[0-9]{1,6})?",
		message = "must be a mobile number (11 digits) or a landline with its area code, like 010-12345678") String phone,
		@NotBlank @Size(max = 32) String province, @NotBlank @Size(max = 32) String city,
		@NotBlank @Size(max = 32) String district, @NotBlank @Size(max = 120) String detail, Boolean isDefault) {

	/** The same, each part without surrounding blanks. */
	AddressForm stripped() {
		return new AddressForm(this.name.strip(), this.phone.strip(), this.province.strip(), this.city.strip(),
				this.district.strip(), this.detail.strip(), this.isDefault);
	}

}
