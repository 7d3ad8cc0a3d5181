package org.huxley.expr;

import java.util.List;
import java.util.Random;

/** Random expression trees over x, y, z using every node type, built raw (no simplification). */
final class RandomTrees {
    static final List<Symbol> SYMBOLS = List.of(Symbol.of("x"), Symbol.of("y"), Symbol.of("z"));

    private RandomTrees() {
    }

    static Expr tree(Random r, int depth) {
        if (depth == 0 || r.nextInt(5) == 0) {
            return switch (r.nextInt(4)) {
                case 0 -> new Const(switch (r.nextInt(4)) {
                    case 0 -> -r.nextDouble() * 3;
                    case 1 -> 0.1;
                    case 2 -> 2.0;
                    default -> r.nextDouble() * 1e-3;
                });
                default -> new Var(SYMBOLS.get(r.nextInt(SYMBOLS.size())));
            };
        }
        int d = depth - 1;
        return switch (r.nextInt(18)) {
            case 0 -> new Add(List.of(tree(r, d), tree(r, d), tree(r, d)));
            case 1 -> new Add(List.of(tree(r, d), tree(r, d)));
            case 2 -> new Sub(tree(r, d), tree(r, d));
            case 3 -> new Mul(List.of(tree(r, d), tree(r, d)));
            case 4 -> new Mul(List.of(tree(r, d), tree(r, d), tree(r, d)));
            case 5 -> new Div(tree(r, d), tree(r, d));
            case 6 -> new Neg(tree(r, d));
            case 7 -> new Pow(tree(r, d), r.nextInt(8) - 2);
            case 8 -> new SaveExp(tree(r, d));
            case 9 -> new SaveExpSlope(tree(r, d));
            case 10 -> new Log(tree(r, d));
            case 11 -> new Sqrt(tree(r, d));
            case 12 -> new Tanh(tree(r, d));
            case 13 -> new Efun(tree(r, d));
            case 14 -> new EfunSlope(tree(r, d));
            case 15 -> new EfunCurvature(tree(r, d));
            case 16 -> r.nextBoolean() ? new Min(tree(r, d), tree(r, d)) : new Max(tree(r, d), tree(r, d));
            default -> new IfLe(tree(r, d), tree(r, d), tree(r, d), tree(r, d));
        };
    }

    static double[] point(Random r) {
        return new double[] {r.nextGaussian() * 3, r.nextGaussian() * 3, r.nextGaussian() * 3};
    }
}
