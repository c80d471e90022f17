declare module '@doyensec/electronegativity';
