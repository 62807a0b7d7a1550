package io.minibase.auth.phone;

/** The phone package's problems, for the slice tests of other packages. */
public final class PhoneCodes {

	private PhoneCodes() {
	}

	public static PhoneCodeRejected rejected() {
		return new PhoneCodeRejected();
	}

	public static PhoneLookupFailed lookupFailed() {
		return new PhoneLookupFailed();
	}

}
