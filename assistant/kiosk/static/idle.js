(...args) => {
  window.kioskLastActivity ??= Date.now();
  args[args.length - 1] = (Date.now() - window.kioskLastActivity) / 1000;
  return args;
}
