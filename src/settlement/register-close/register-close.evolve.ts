import type { RegisterClosed, RegisterCloseEvent } from './register-close.events';

export interface RegisterCloseState {
  closed: RegisterClosed['data'] | null;
}

export function initialRegisterCloseState(): RegisterCloseState {
  return { closed: null };
}

export function evolveRegisterClose(state: RegisterCloseState, event: RegisterCloseEvent): RegisterCloseState {
  switch (event.type) {
    case 'RegisterClosed':
      return { ...state, closed: event.data };
  }
}
