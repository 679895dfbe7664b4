package io.qrvend.terminal.payment;

/**
 * What every call's {@code Unknown} result is: no usable answer (a timeout, a reset, a server error,
 * a bad signature). Lets {@code qrvend status} tell a failing backend from an answering one without
 * knowing each call's result type.
 */
public interface NoAnswer {
    String reason();
}
