package io.hotfire.domain.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionTest {

    static double eval(String src, Map<String, Double> vars) {
        return Expression.parse(src).evaluate(vars::get);
    }

    @Test
    void precedenceAndParenthesesFollowArithmetic() {
        assertThat(eval("1 + 2 * 3", Map.of())).isEqualTo(7);
        assertThat(eval("(1 + 2) * 3", Map.of())).isEqualTo(9);
        assertThat(eval("2 ^ 3 ^ 2", Map.of())).isEqualTo(512);
        assertThat(eval("-2 ^ 2", Map.of())).isEqualTo(4);
        assertThat(eval("10 / 4 - 1e-1", Map.of())).isEqualTo(2.4);
    }

    @Test
    void variablesAndFunctionsAreEvaluated() {
        Map<String, Double> v = Map.of("MDOT_OX", 216.6, "MDOT_F", 97.8, "A", 4.0);
        assertThat(eval("MDOT_OX / MDOT_F", v)).isCloseTo(2.2147, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(eval("sqrt(A) + abs(-1) + max(A, 9) + min(A, 9) + pow(A, 0.5)", v)).isEqualTo(2 + 1 + 9 + 4 + 2);
        assertThat(Expression.parse("MDOT_OX + MDOT_F * MDOT_OX").variables()).containsExactly("MDOT_OX", "MDOT_F");
    }

    @Test
    void malformedExpressionsSayWhere() {
        assertThatThrownBy(() -> Expression.parse("1 +")).hasMessage("expression ends too early");
        assertThatThrownBy(() -> Expression.parse("1 $ 2")).hasMessage("unexpected '$' at position 3");
        assertThatThrownBy(() -> Expression.parse("foo(1)")).hasMessage("unknown function 'foo' at position 1");
        assertThatThrownBy(() -> Expression.parse("sqrt(1, 2)")).hasMessage("sqrt takes 1 argument(s), got 2 at position 1");
    }
}
