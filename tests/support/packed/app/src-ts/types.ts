export type Reporter = (...parts: unknown[]) => void;
