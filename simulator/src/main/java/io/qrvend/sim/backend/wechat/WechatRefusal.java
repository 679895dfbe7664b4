package io.qrvend.sim.backend.wechat;

/**
 * WeChat Pay says no: the HTTP status and the {@code {"code","message"}} error body it sends, e.g.
 * 400 {@code ORDERPAID} for a close of a paid order. Thrown by {@link FakeWechatPay}, answered by
 * {@link WechatPayServer}.
 */
public final class WechatRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    public WechatRefusal(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    static WechatRefusal notFound() {
        return new WechatRefusal(404, "ORDER_NOT_EXIST", "订单不存在");
    }

    static WechatRefusal param(String message) {
        return new WechatRefusal(400, "PARAM_ERROR", message);
    }

    static WechatRefusal invalid(String message) {
        return new WechatRefusal(400, "INVALID_REQUEST", message);
    }
}
