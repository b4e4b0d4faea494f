package dev.agentkanban.share;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BadgeTest {

    @Test
    void numbersPrintAsJavaScriptPrintsThem() {
        assertThat(Badge.number(60)).isEqualTo("60");
        assertThat(Badge.number(256.5)).isEqualTo("256.5");
        assertThat(Badge.number(188.25)).isEqualTo("188.25");
        assertThat(Badge.number(1000)).isEqualTo("1000");
        assertThat(Badge.number(0)).isEqualTo("0");
    }

    @Test
    void escapesTheFiveXmlCharactersAmpersandFirst() {
        assertThat(Badge.escape("a&b<c>d\"e'f&amp;")).isEqualTo("a&amp;b&lt;c&gt;d&quot;e&apos;f&amp;amp;");
    }
}
