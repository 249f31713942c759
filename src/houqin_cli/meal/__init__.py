"""The canteen (食堂, #15): dishes, weekly menus, meals served, food samples (留样),
disinfection, 陪餐, purchase inspection, canteen staff, cost and the non-profit check."""
