package io.qrvend.terminal.payment.alipay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AlipayResponseTest {
    static final String METHOD = "alipay.trade.query";

    @Test
    void signedTextIsTheNodeExactlyAsReceived() throws Exception {
        String node = "{\"code\":\"10000\",\"msg\":\"Success\",\"subject\":\"a } tricky \\\" \\u4e2d {\",\"nested\":{\"a\":[1,{\"b\":\"}\"}]}}";
        String body = "{ \"alipay_trade_query_response\" :" + node + " , \"sign\":\"abc==\", \"alipay_cert_sn\":\"x\"}";
        AlipayResponse r = AlipayResponse.parse(body, METHOD);
        assertEquals(node, r.signedText());
        assertEquals("abc==", r.sign());
        assertEquals("10000", r.text("code"));
        assertEquals("a } tricky \" 中 {", r.text("subject"));
    }

    @Test
    void signMayComeFirstOrBeMissing() throws Exception {
        AlipayResponse r = AlipayResponse.parse("{\"sign\":\"s\",\"alipay_trade_query_response\":{\"code\":\"20000\"}}", METHOD);
        assertEquals("{\"code\":\"20000\"}", r.signedText());
        assertNull(AlipayResponse.parse("{\"alipay_trade_query_response\":{}}", METHOD).sign());
    }

    @Test
    void errorResponseNodeIsAccepted() throws Exception {
        AlipayResponse r = AlipayResponse.parse("{\"error_response\":{\"code\":\"40002\"},\"sign\":\"s\"}", METHOD);
        assertEquals("error_response", r.nodeName());
    }

    @Test
    void malformedAnswersAreRefused() {
        for (String body : new String[] {
            "", "null", "[]", "<html>502 Bad Gateway</html>", "{\"alipay_trade_query_response\":{\"code\":\"10000\"",
            "{\"other_response\":{}}", "{\"alipay_trade_query_response\":\"10000\"}",
            "{\"alipay_trade_query_response\":{},\"alipay_trade_query_response\":{}}",
            "{\"alipay_trade_query_response\":{},\"sign\":1}", "{\"alipay_trade_query_response\":{}} trailing",
            "{\"alipay_trade_query_response\":{},\"sign\":\"a\",\"sign\":\"b\"}"}) {
            assertThrows(AlipayResponse.Malformed.class, () -> AlipayResponse.parse(body, METHOD), body);
        }
    }
}
