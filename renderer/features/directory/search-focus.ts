// The search field is the operator's home position: it has focus on load and gets it back after
// every call action, so typing a name always searches (P-FAST).
export interface SearchFocus {
  register(element: HTMLInputElement | null): void;
  focus(): void;
}

export function createSearchFocus(): SearchFocus {
  let field: HTMLInputElement | null = null;
  return {
    register: (element) => {
      field = element;
    },
    focus: () => field?.focus(),
  };
}
